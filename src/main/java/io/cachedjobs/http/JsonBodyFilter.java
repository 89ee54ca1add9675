package io.cachedjobs.http;

import io.cachedjobs.problem.ProblemWriter;
import io.cachedjobs.problem.UnsupportedMediaTypeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads only JSON in UTF-8: a request body declared as anything else is a 415 naming the header at
 * fault, before any converter sees it. Spring MVC would otherwise parse YAML (with none of the
 * JSON rules: {@code 2.9} taken as 2, a repeated key a 500), decode text in the declared charset,
 * and fail with an {@code IllegalArgumentException} on a wildcard type, which no handler can tell
 * from a bug. A compressed body is refused too: nothing here inflates it.
 */
final class JsonBodyFilter extends OncePerRequestFilter {

    static final String SEND_JSON = "must be application/json (or another +json type), in UTF-8";
    static final String ENCODING = "must be identity (or left out): compressed bodies are not read";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UnsupportedMediaTypeException refused = refusal(request);
        if (refused != null) {
            ProblemWriter.write(request, response, refused);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why the body is not read, naming the header at fault, or null when it is JSON in UTF-8. */
    private static UnsupportedMediaTypeException refusal(HttpServletRequest request) {
        boolean body = request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        String contentType = request.getContentType();
        MediaType type = null;
        if (contentType != null) {
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (InvalidMediaTypeException unparsable) {
                // including a charset the JVM does not know; without a body, nothing is read
            }
        }
        // A wildcard type fails Spring MVC even without a body; other types matter only with one
        boolean wildcard = type != null && (type.isWildcardType() || type.isWildcardSubtype());
        if (!body && !wildcard) {
            return null;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            return UnsupportedMediaTypeException.of(HttpHeaders.CONTENT_ENCODING, ENCODING);
        }
        if (contentType == null) {
            return null; // Spring MVC answers 415 to a body of no type
        }
        return type != null && isJsonInUtf8(type)
                ? null
                : UnsupportedMediaTypeException.of(HttpHeaders.CONTENT_TYPE, SEND_JSON);
    }

    private static boolean isJsonInUtf8(MediaType type) {
        boolean json = type.getType().equals("application")
                && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
        String charset = type.getParameter("charset");
        return json && (charset == null || isUtf8(charset));
    }

    private static boolean isUtf8(String charset) {
        try {
            return Charset.forName(charset.strip().toLowerCase(Locale.ROOT)).equals(StandardCharsets.UTF_8);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return false;
        }
    }
}
