package io.cachedjobs.http;

import io.cachedjobs.problem.ProblemWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Closes the connection of every 408 without reading the rest of its body, which Tomcat would
 * otherwise wait for (up to its swallow limit) on the worker, at the slow client's pace. And when
 * it is Tomcat that gave up on a silent client (no byte within its read timeout, which is the body
 * timeout), answers the same problem {@link RequestBodyFilter} does in place of the error page.
 */
final class BodyTimeoutValve extends ValveBase {

    private final String detail;

    BodyTimeoutValve(Duration timeout) {
        super(true);
        this.detail = RequestBodyFilter.timeoutDetail(timeout);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (response.getStatus() != HttpServletResponse.SC_REQUEST_TIMEOUT) {
            return;
        }
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        // Tomcat's sendError(408) suspended the response for its error page: this answer instead
        if (response.isError() && !response.isCommitted() && response.setErrorReported()) {
            response.setSuspended(false);
            response.resetBuffer();
            ProblemWriter.write(request, response, HttpStatus.REQUEST_TIMEOUT, detail);
        }
    }
}
