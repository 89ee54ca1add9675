package io.cachedjobs.problem;

import java.util.List;

/** The request is valid but clashes with the current state: a duplicate, or a refused transition. */
public class ConflictException extends ApiException {

    private ConflictException(String detail, List<FieldProblem> errors) {
        super(409, "conflict", "Conflict", detail, errors);
    }

    public static ConflictException of(String detail) {
        return new ConflictException(detail, List.of());
    }

    public static ConflictException of(String detail, List<FieldProblem> errors) {
        return new ConflictException(detail, errors);
    }
}
