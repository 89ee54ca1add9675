package io.cachedjobs.idempotency;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code idempotency_keys} table. A claim and a release are each one statement outside any
 * transaction, so they commit at once: a claim is visible to every instance before its call runs.
 * The answer (or its reference) is kept in the call's own transaction, so that it commits with the
 * call's writes or not at all. Times come from the database's clock, the one clock that every
 * instance shares.
 */
@Component
class IdempotencyKeys {

    private static final int PURGE_BATCH = 1000;

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One key as stored; {@code status} is null while the first call runs. A kept answer has its
     * {@code body}, or a {@code reference} to what the call wrote, from which it is read again.
     */
    record Stored(
            byte[] fingerprint, Integer status, String contentType, String location, byte[] body, UUID reference) {

        boolean running() {
            return status == null;
        }
    }

    /** What is kept of a call's answer to replay it: its body, or a reference to what it wrote. */
    record Answer(int status, String contentType, String location, byte[] body, UUID reference) {}

    /**
     * Claims the key for a call about to run, unless a live row holds it. The primary key makes
     * this atomic across instances: of two concurrent claims, one inserts and the other finds the
     * row (waiting for the first to commit) and leaves it be. An expired row is taken over.
     */
    boolean claim(UUID organisation, String key, UUID claim, byte[] fingerprint, Duration lease) {
        return jdbc.sql("""
                        INSERT INTO idempotency_keys
                            (organisation_id, idempotency_key, claim_id, fingerprint, created_at, expires_at)
                        VALUES (:organisation, :key, :claim, :fingerprint, now(), now() + make_interval(secs => :lease))
                        ON CONFLICT (organisation_id, idempotency_key) DO UPDATE
                        SET claim_id = excluded.claim_id, fingerprint = excluded.fingerprint, status = NULL,
                            content_type = NULL, location = NULL, body = NULL, reference = NULL,
                            created_at = excluded.created_at, expires_at = excluded.expires_at
                        WHERE idempotency_keys.expires_at <= now()""")
                        .param("organisation", organisation)
                        .param("key", key)
                        .param("claim", claim)
                        .param("fingerprint", fingerprint)
                        .param("lease", seconds(lease))
                        .update()
                == 1;
    }

    /** The key's live row: a running claim or a kept answer. */
    Optional<Stored> find(UUID organisation, String key) {
        return jdbc.sql("""
                        SELECT fingerprint, status, content_type, location, body, reference FROM idempotency_keys
                        WHERE organisation_id = :organisation AND idempotency_key = :key AND expires_at > now()""")
                .param("organisation", organisation)
                .param("key", key)
                .query((row, index) -> new Stored(
                        row.getBytes("fingerprint"),
                        row.getObject("status", Integer.class),
                        row.getString("content_type"),
                        row.getString("location"),
                        row.getBytes("body"),
                        row.getObject("reference", UUID.class)))
                .optional();
    }

    /**
     * Keeps the answer of a claimed call, for {@code retention} from now; in the caller's transaction
     * when there is one. False when the claim is gone: the call outlived its lease and a retry took
     * the key over.
     */
    boolean complete(UUID organisation, String key, UUID claim, Answer answer, Duration retention) {
        return jdbc.sql("""
                        UPDATE idempotency_keys
                        SET status = :status, content_type = :contentType, location = :location, body = :body,
                            reference = :reference, expires_at = now() + make_interval(secs => :retention)
                        WHERE organisation_id = :organisation AND idempotency_key = :key AND claim_id = :claim""")
                        .param("status", answer.status())
                        .param("contentType", answer.contentType())
                        .param("location", answer.location())
                        .param("body", answer.body())
                        .param("reference", answer.reference())
                        .param("retention", seconds(retention))
                        .param("organisation", organisation)
                        .param("key", key)
                        .param("claim", claim)
                        .update()
                == 1;
    }

    /**
     * Gives the key back, so that a retry runs the call again; never a kept answer, which a commit
     * whose outcome the call could not learn may have written.
     */
    void release(UUID organisation, String key, UUID claim) {
        jdbc.sql("""
                        DELETE FROM idempotency_keys
                        WHERE organisation_id = :organisation AND idempotency_key = :key AND claim_id = :claim
                            AND status IS NULL""")
                .param("organisation", organisation)
                .param("key", key)
                .param("claim", claim)
                .update();
    }

    /** Deletes expired rows in small batches, so that no statement holds many locks for long. */
    int purgeExpired() {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            DELETE FROM idempotency_keys WHERE (organisation_id, idempotency_key) IN (
                                SELECT organisation_id, idempotency_key FROM idempotency_keys
                                WHERE expires_at <= now() LIMIT :batch)""").param("batch", PURGE_BATCH).update();
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
