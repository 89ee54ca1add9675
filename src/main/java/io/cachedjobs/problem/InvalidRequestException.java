package io.cachedjobs.problem;

import java.util.List;

/** The request is understood but breaks a rule: each broken rule is one {@link FieldProblem}. */
public class InvalidRequestException extends ApiException {

    private InvalidRequestException(List<FieldProblem> errors) {
        super(400, "invalid-request", "Invalid request", describe(errors), errors);
    }

    public static InvalidRequestException of(List<FieldProblem> errors) {
        return new InvalidRequestException(errors);
    }

    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldProblem(field, message)));
    }

    private static String describe(List<FieldProblem> errors) {
        if (errors.size() == 1) {
            FieldProblem only = errors.get(0);
            return only.field() + ": " + only.message();
        }
        return errors.size() + " problems: "
                + String.join(
                        ", ",
                        errors.stream().map(FieldProblem::field).distinct().toList());
    }
}
