package io.cachedjobs.problem;

import java.util.List;
import java.util.UUID;

/**
 * Something does not exist in the caller's organisation or project. Whether it exists elsewhere is
 * never said: the answer is the same.
 */
public class NotFoundException extends ApiException {

    private NotFoundException(String detail, List<FieldProblem> errors) {
        super(404, "not-found", "Not found", detail, errors);
    }

    /** {@code id} is a UUID, or a number for tags. */
    public static NotFoundException of(String what, Object id) {
        return new NotFoundException(what + " " + id + " was not found", List.of());
    }

    public static NotFoundException of(String what, UUID id, String field) {
        return new NotFoundException(what + " " + id + " was not found", List.of(new FieldProblem(field, "not found")));
    }

    /** A detail of its own, for a name not to be echoed (one the caller typed freely). */
    public static NotFoundException because(String detail) {
        return new NotFoundException(detail, List.of());
    }

    public static NotFoundException all(String what, List<FieldProblem> errors) {
        return new NotFoundException(errors.size() + " " + what + " not found", errors);
    }
}
