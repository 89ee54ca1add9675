package io.cachedjobs.cachedjob;

import io.cachedjobs.problem.ApiException;
import java.util.List;

/**
 * The jobs of a trigger are committed, but reading them back for the answer failed. Not a 503:
 * retrying without a key would create the jobs a second time. A retry with the same
 * Idempotency-Key reads them back again instead of running.
 */
final class TriggerAnswerLost extends ApiException {

    TriggerAnswerLost(int jobs, Throwable cause) {
        super(
                500,
                "answer-lost",
                "Answer lost",
                "The trigger created its " + jobs + " cached jobs, but reading them back for this answer failed. "
                        + "A retry with the same Idempotency-Key answers them without creating them again; "
                        + "without a key a retry would create them again: list them with POST /api/cached-jobs/list.",
                List.of());
        initCause(cause);
    }
}
