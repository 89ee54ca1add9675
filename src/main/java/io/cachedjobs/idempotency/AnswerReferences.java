package io.cachedjobs.idempotency;

import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * For a call whose answer is too large to keep ({@code @Idempotent(rereadOnReplay = true)}): keeps,
 * as its answer, a reference to what it wrote, in the transaction of those writes. The reference
 * commits with the writes or not at all, so a retry with the key either replays them, read again by
 * the {@link ReferencedAnswer}, or runs the call as if it never ran; never twice.
 */
@Component
public class AnswerReferences {

    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;

    AnswerReferences(IdempotencyKeys keys, IdempotencyProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    /**
     * Keeps {@code reference} as the answer, a {@code status} JSON answer, of the keyed call this
     * thread serves; nothing when the thread serves no such call (no key, or another route). Call it
     * inside the transaction of the writes that {@code reference} names.
     *
     * @throws IllegalStateException outside a transaction
     * @throws io.cachedjobs.problem.ApiException a 409 when a retry took the key over (the call ran
     *     past the key's in-progress timeout): the transaction must roll back
     */
    public void keep(int status, UUID reference) {
        KeyedCall call = KeyedCall.current();
        if (call == null || !call.rereadOnReplay()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A reference is kept in the transaction of the writes it names");
        }
        IdempotencyKeys.Answer answer =
                new IdempotencyKeys.Answer(status, MediaType.APPLICATION_JSON_VALUE, null, null, reference);
        if (!keys.complete(call.organisation(), call.key(), call.claim(), answer, properties.retention())) {
            throw IdempotencyProblem.overtaken(call.key());
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                call.markReferenceCommitted();
            }
        });
    }
}
