package io.cachedjobs.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem straight to the servlet response, for answers given outside Spring MVC (a
 * filter, the error page, Tomcat's valve), where {@code @RestControllerAdvice} and content
 * negotiation do not apply: the problem is answered whatever the client accepts. The two public
 * methods are the one way a filter of any feature answers a problem, so that its problems look
 * like those of the controllers. Headers the filter set before (the rate-limit ones, {@code
 * WWW-Authenticate}) go out with the problem.
 */
public final class ProblemWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {}

    /**
     * Answers a failure a filter caught as a controller's would be answered: an {@link
     * ApiException} as the problem it means, a database that is away as a 503 with {@code
     * Retry-After}, anything unforeseen as a 500 (logged, never described).
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, RuntimeException failure)
            throws IOException {
        Failures.Answer answer = Failures.answer(failure, request);
        answer.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        write(response, answer.problem());
    }

    /** Answers a problem typed and titled after its status (e.g. {@code content-too-large}), saying {@code detail}. */
    public static void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String detail)
            throws IOException {
        write(response, Problems.ofStatus(status, detail, request.getRequestURI()));
    }

    static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        byte[] body = json(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.getStatus());
        response.setContentType(Problems.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static String json(ProblemDetail problem) {
        return JSON.writeValueAsString(Problems.toMap(problem));
    }
}
