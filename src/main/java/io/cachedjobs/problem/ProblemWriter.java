package io.cachedjobs.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem straight to the servlet response, for answers given outside Spring MVC (a
 * filter, the error page, Tomcat's valve), where {@code @RestControllerAdvice} and content
 * negotiation do not apply: the problem is answered whatever the client accepts. Public for the
 * filters of other features (authentication, rate limits), so that their problems look the same.
 */
public final class ProblemWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {}

    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
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
