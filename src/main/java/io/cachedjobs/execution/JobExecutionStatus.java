package io.cachedjobs.execution;

import io.cachedjobs.common.LowerCaseEnum;

/**
 * An execution's state: {@code pending} (waiting to be sent), {@code running} (asked, waiting for
 * the answer), {@code retrying} (to be sent again after a failure that asks for a retry), {@code
 * success} (answered; an answer with no text and a reason counts), {@code failed} (after its last
 * attempt, or refused by the engine).
 */
public enum JobExecutionStatus implements LowerCaseEnum {
    PENDING,
    RUNNING,
    RETRYING,
    SUCCESS,
    FAILED;

    @Override
    public String toString() {
        return value();
    }
}
