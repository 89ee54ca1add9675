package io.cachedjobs.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page ({@code /error}) as a problem, replacing Boot's {@code {"timestamp", ...}} JSON
 * and its HTML page. Only errors that escape Spring MVC get here (a failure in a filter, a
 * {@code sendError} from the container); it answers whatever the client accepts, as the API's
 * problems are its only format.
 */
@Hidden // the error page is no endpoint of the API
@Controller
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (code == null) {
            // /error asked for directly: it is not an endpoint of the API
            write(response, Problems.noEndpoint(request.getMethod(), request.getRequestURI()));
            return;
        }
        String path = uri == null ? "/" : uri.toString();
        HttpStatusCode status = HttpStatusCode.valueOf((Integer) code);
        ProblemDetail problem;
        if (failure instanceof Throwable thrown && DatabaseFailures.isConnectionFailure(thrown)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
            problem = Problems.unavailable(path, CommittedWrites.in(request));
        } else if (status.is5xxServerError()) {
            problem = Problems.internalError(status, path, CommittedWrites.in(request));
        } else {
            problem = Problems.ofStatus(status, "The request was refused: " + Problems.titleOf(status) + ".", path);
        }
        write(response, problem);
    }

    private static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.resetBuffer();
        ProblemWriter.write(response, problem);
    }
}
