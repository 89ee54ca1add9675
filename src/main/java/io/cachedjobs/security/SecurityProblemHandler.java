package io.cachedjobs.security;

import io.cachedjobs.problem.ProblemWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The 401 and 403 answers, as problems written like every other filter's ({@link
 * ProblemWriter}). Each says what the call needed, from {@link RouteAccess}.
 */
final class SecurityProblemHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final OperatorProperties operator;
    private final RouteAccess access;

    SecurityProblemHandler(OperatorProperties operator, RouteAccess access) {
        this.operator = operator;
        this.access = access;
    }

    static SecurityProblem operatorOff() {
        return SecurityProblem.forbidden(
                HttpHeaders.AUTHORIZATION,
                "The service runs without an operator token (CACHEDJOBS_ADMIN_TOKEN): organisation "
                        + "creation and the actuator endpoints other than health are off.");
    }

    /** No credentials, and the call needed some. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws ServletException {
        answer(request, response, needed(access.of(request), null));
    }

    /** Credentials that do not give the right to the call. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws ServletException {
        Object principal = SecurityContextHolder.getContext().getAuthentication() == null
                ? null
                : SecurityContextHolder.getContext().getAuthentication().getPrincipal();
        answer(request, response, needed(access.of(request), principal));
    }

    private SecurityProblem needed(Right right, Object principal) {
        if (right == Right.OPERATOR) {
            if (!operator.configured()) {
                return operatorOff();
            }
            return principal == null
                    ? SecurityProblem.unauthenticated(
                            HttpHeaders.AUTHORIZATION,
                            "This call needs the operator token: Authorization: Bearer <CACHEDJOBS_ADMIN_TOKEN>.")
                    : SecurityProblem.forbidden(
                            HttpHeaders.AUTHORIZATION,
                            "This call needs the operator token; an API key does not give it.");
        }
        if (principal instanceof Caller caller) {
            return SecurityProblem.forbidden(
                    ApiKeyFilter.HEADER,
                    "This call needs a key of role " + right.role() + " or above; this key's role is " + caller.role()
                            + ".");
        }
        if (principal == Operator.INSTANCE) {
            return SecurityProblem.forbidden(
                    ApiKeyFilter.HEADER,
                    "This call needs an API key; the operator token only creates organisations, resumes "
                            + "engine accounts and reads the actuator endpoints.");
        }
        return SecurityProblem.unauthenticated(
                ApiKeyFilter.HEADER, "This call needs an API key in the x-api-key header.");
    }

    /**
     * Writes {@code failure} as a problem, the way every filter does; a 401 says which credentials
     * the call takes. Any failure is answered: a key check that finds the database away is a 503.
     */
    void answer(HttpServletRequest request, HttpServletResponse response, RuntimeException failure)
            throws ServletException {
        if (failure instanceof SecurityProblem problem && problem.status() == HttpStatus.UNAUTHORIZED.value()) {
            response.setHeader(
                    HttpHeaders.WWW_AUTHENTICATE,
                    problem.errors().get(0).field().equals(HttpHeaders.AUTHORIZATION)
                            ? "Bearer"
                            : "ApiKey header=\"" + ApiKeyFilter.HEADER + "\"");
        }
        try {
            ProblemWriter.write(request, response, failure);
        } catch (IOException clientGone) {
            // The only checked failure Spring Security lets its entry point and denied handler throw
            throw new ServletException(clientGone);
        }
    }
}
