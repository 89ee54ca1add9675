package io.cachedjobs.idempotency;

import io.cachedjobs.problem.ApiException;
import io.cachedjobs.problem.FieldProblem;
import java.util.List;

/** The answers only a call with an {@code Idempotency-Key} can get; the problem writers answer them. */
final class IdempotencyProblem extends ApiException {

    private IdempotencyProblem(int status, String type, String title, String detail, List<FieldProblem> errors) {
        super(status, type, title, detail, errors);
    }

    static IdempotencyProblem mismatch(String key) {
        return new IdempotencyProblem(
                422,
                "idempotency-mismatch",
                "Idempotency key reused",
                "Idempotency-Key " + key + " was first used for another request (method, path, "
                        + "x-project-id or body); nothing was done. Send a new request with a new key.",
                List.of(new FieldProblem(IdempotencyFilter.KEY_HEADER, "was used for another request")));
    }

    static IdempotencyProblem inProgress(String key) {
        return new IdempotencyProblem(
                409,
                "idempotency-in-progress",
                "Request in progress",
                "The first request with Idempotency-Key " + key + " is still running; nothing was done. "
                        + "Retry after Retry-After seconds to get its answer.",
                List.of(new FieldProblem(IdempotencyFilter.KEY_HEADER, "is in use by a running request")));
    }

    /** The call ran past its claim's lease and a retry took its key over: the call is undone. */
    static IdempotencyProblem overtaken(String key) {
        return new IdempotencyProblem(
                409,
                "idempotency-in-progress",
                "Request in progress",
                "This request ran past the in-progress timeout of Idempotency-Key " + key + ", and a retry with "
                        + "the key took it over; this request was undone (nothing was changed). Retry after "
                        + "Retry-After seconds to get the answer of the retry.",
                List.of(new FieldProblem(IdempotencyFilter.KEY_HEADER, "is in use by a running request")));
    }
}
