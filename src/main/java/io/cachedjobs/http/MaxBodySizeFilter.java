package io.cachedjobs.http;

import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than {@code cachedjobs.http.max-body-size} with a 413 before
 * anything parses it. A declared {@code Content-Length} is checked as is; a body without one
 * (chunked) is read up to one byte past the limit, so no client can make the service parse or hold
 * more than the limit, and the bytes read are handed on to the rest of the chain.
 */
final class MaxBodySizeFilter extends OncePerRequestFilter {

    private final long maxBytes;

    MaxBodySizeFilter(DataSize maxBodySize) {
        this.maxBytes = maxBodySize.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response);
            return;
        }
        if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            byte[] body;
            try {
                body = request.getInputStream().readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            } catch (IOException e) {
                // A broken chunked encoding: the client's fault, answered like unreadable JSON
                unreadable(request, response);
                return;
            }
            if (body.length > maxBytes) {
                refuse(request, response);
                return;
            }
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemWriter.write(
                request,
                response,
                HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes; nothing was changed.");
    }

    private static void unreadable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            ProblemWriter.write(request, response, InvalidRequestException.of("body", "could not be read"));
        } catch (IOException gone) {
            // the client went away while sending: there is no one to answer
        }
    }
}
