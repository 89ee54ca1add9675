package io.cachedjobs.security;

import io.cachedjobs.problem.ApiException;
import io.cachedjobs.problem.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The answers of the security checks; {@code web} writes them like every other problem. */
final class SecurityProblem extends ApiException {

    private SecurityProblem(HttpStatus status, String type, String title, String detail, String field) {
        super(status, type, title, detail, field == null ? List.of() : List.of(new FieldProblem(field, detail)));
    }

    /** 401: no credentials, or credentials that are not (or no longer) valid. */
    static SecurityProblem unauthenticated(String field, String detail) {
        return new SecurityProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail, field);
    }

    /** 403: valid credentials that do not give the right to this call. */
    static SecurityProblem forbidden(String field, String detail) {
        return new SecurityProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, field);
    }
}
