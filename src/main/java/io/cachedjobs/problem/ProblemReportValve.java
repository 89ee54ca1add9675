package io.cachedjobs.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatusCode;

/**
 * Tomcat's error page for what it refuses before the application sees the request (an illegal
 * character in the URL, a malformed or oversized header): a problem instead of Tomcat's HTML. Errors
 * inside the application never get here, they go to {@link ProblemErrorController} first.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // Like Tomcat's own: only errors, only once, only if nothing was written and I/O still works
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        String path = pathOf(request);
        String json = ProblemWriter.json(Problems.ofStatus(
                code, "The request was refused before it reached the service: it is not a valid HTTP request.", path));
        try {
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already committed: nothing more to say
        }
    }

    /** The request path if Tomcat could parse one. */
    private static String pathOf(Request request) {
        try {
            return request.getRequestURI();
        } catch (RuntimeException unparsable) {
            return "/";
        }
    }
}
