package io.cachedjobs.security;

import io.cachedjobs.problem.ApiException;
import io.cachedjobs.problem.FieldProblem;
import java.util.List;

/** The answers of the security checks; the problem writers answer them like every other problem. */
final class SecurityProblem extends ApiException {

    private SecurityProblem(int status, String type, String title, String detail, String field) {
        super(status, type, title, detail, field == null ? List.of() : List.of(new FieldProblem(field, detail)));
    }

    /** 401: no credentials, or credentials that are not (or no longer) valid. */
    static SecurityProblem unauthenticated(String field, String detail) {
        return new SecurityProblem(401, "unauthenticated", "Unauthenticated", detail, field);
    }

    /** 403: valid credentials that do not give the right to this call. */
    static SecurityProblem forbidden(String field, String detail) {
        return new SecurityProblem(403, "forbidden", "Forbidden", detail, field);
    }
}
