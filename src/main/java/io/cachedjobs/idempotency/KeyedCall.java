package io.cachedjobs.idempotency;

import java.util.UUID;

/**
 * A call that holds the claim on its {@code Idempotency-Key}, bound to the thread that serves it
 * while it runs, so that {@link AnswerReferences} can keep its answer inside its own transaction.
 */
final class KeyedCall {

    private static final ThreadLocal<KeyedCall> CURRENT = new ThreadLocal<>();

    private final UUID organisation;
    private final String key;
    private final UUID claim;
    private final boolean rereadOnReplay;
    private boolean referenceCommitted;

    KeyedCall(UUID organisation, String key, UUID claim, boolean rereadOnReplay) {
        this.organisation = organisation;
        this.key = key;
        this.claim = claim;
        this.rereadOnReplay = rereadOnReplay;
    }

    /** The call this thread serves, or null. */
    static KeyedCall current() {
        return CURRENT.get();
    }

    void bind() {
        CURRENT.set(this);
    }

    void unbind() {
        CURRENT.remove();
    }

    UUID organisation() {
        return organisation;
    }

    String key() {
        return key;
    }

    UUID claim() {
        return claim;
    }

    boolean rereadOnReplay() {
        return rereadOnReplay;
    }

    /** Whether the reference kept as this call's answer is committed: its writes are, with it. */
    boolean referenceCommitted() {
        return referenceCommitted;
    }

    void markReferenceCommitted() {
        referenceCommitted = true;
    }
}
