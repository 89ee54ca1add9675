package io.cachedjobs.http;

import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body into memory before anything else sees it, within both limits of {@code
 * cachedjobs.http}: a body larger than {@code max-body-size} is a 413 (at once when its {@code
 * Content-Length} says so, a chunked one after one byte past the limit), one that has not fully
 * arrived within {@code body-timeout} of its first read is a 408. So no client can make the service
 * parse or hold more than the limit, nor hold a worker longer than the timeout by trickling its body
 * a byte at a time; the rest of the chain, Spring MVC included, reads the body from memory.
 */
final class RequestBodyFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Duration timeout;

    RequestBodyFilter(HttpProperties limits) {
        this.maxBytes = limits.maxBodySize().toBytes();
        this.timeout = limits.bodyTimeout();
    }

    /** What a 408 says, whether this filter or Tomcat's read timeout cut the body off. */
    static String timeoutDetail(Duration timeout) {
        long millis = timeout.toMillis();
        String limit = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
        return "The request body did not arrive within " + limit
                + " (cachedjobs.http.body-timeout); nothing was changed. Send it again at once.";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response);
            return;
        }
        boolean chunked = declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = readWithinTimeout(request.getInputStream());
        } catch (TooSlow slow) {
            ProblemWriter.write(request, response, HttpStatus.REQUEST_TIMEOUT, timeoutDetail(timeout));
            return;
        } catch (IOException e) {
            if (!timedOut(e)) {
                // A broken chunked encoding or a body cut short: the client's fault, answered like
                // unreadable JSON
                unreadable(request, response);
            }
            // else no byte came for the whole timeout: Tomcat answers it, see BodyTimeoutValve
            return;
        }
        if (body.length > maxBytes) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    /** The body, or one byte past the limit of it; {@link TooSlow} when it takes longer than the timeout. */
    private byte[] readWithinTimeout(ServletInputStream in) throws IOException, TooSlow {
        long deadline = System.nanoTime() + timeout.toNanos();
        int limit = (int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8);
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        while (body.size() < limit) {
            int read = in.read(buffer, 0, Math.min(buffer.length, limit - body.size()));
            if (read < 0) {
                break;
            }
            body.write(buffer, 0, read);
            // Tomcat's read timeout bounds the wait for each byte; this bounds them all together
            if (System.nanoTime() - deadline > 0 && !in.isFinished()) {
                throw new TooSlow();
            }
        }
        return body.toByteArray();
    }

    private static boolean timedOut(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
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

    /** The body is still arriving when its time is up. */
    private static final class TooSlow extends Exception {

        TooSlow() {
            super(null, null, false, false);
        }
    }
}
