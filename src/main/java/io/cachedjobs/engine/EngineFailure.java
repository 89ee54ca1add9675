package io.cachedjobs.engine;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An engine gave no answer. The kind says what the runner does (engines.md 3.8): wait and retry,
 * pause the account, or fail the execution at once.
 */
public final class EngineFailure extends RuntimeException {

    /** What went wrong, whatever the engine's wire format calls it. */
    public enum Kind {
        /** Too many requests for now (429): retry after the engine's wait, else back off. */
        RATE_LIMITED,
        /** The account's credit or daily quota is spent (402, OpenAI's {@code insufficient_quota}): pause it. */
        OUT_OF_CREDIT,
        /** The engine is overloaded (529, 503): back off; repeated, pause the account for a while. */
        OVERLOADED,
        /** The engine failed (500, 502): retry with backoff. */
        SERVER_ERROR,
        /** No answer in time (408, 504, or ours): retry; the engine may have billed the call. */
        TIMEOUT,
        /** The engine refused the request itself (400, 413, 422): fail at once, with its message. */
        BAD_REQUEST,
        /** The engine refused the account's key (401, 403): pause the account. */
        REFUSED_CREDENTIALS
    }

    private final Kind kind;
    private final int status;
    private final transient @Nullable Duration retryAfter;
    private final boolean possiblyBilled;

    /**
     * @param kind what went wrong
     * @param status the engine's HTTP status, 0 when none came (a time-out, a lost connection)
     * @param retryAfter how long the engine asked to wait, when it said (its header or body), else null
     * @param possiblyBilled whether the engine may have done, and billed, the work (the request was
     *     sent and no answer came back)
     * @param message the engine's own message, short, for the execution's error
     */
    public EngineFailure(Kind kind, int status, @Nullable Duration retryAfter, boolean possiblyBilled, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.possiblyBilled = possiblyBilled;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    public boolean possiblyBilled() {
        return possiblyBilled;
    }
}
