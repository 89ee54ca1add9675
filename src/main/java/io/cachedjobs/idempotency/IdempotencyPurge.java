package io.cachedjobs.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired keys. Reads already ignore them, so this only keeps the table small; every
 * instance may run it, and running it twice at once deletes nothing twice.
 */
@Component
class IdempotencyPurge {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyKeys keys;

    IdempotencyPurge(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Scheduled(
            initialDelayString = "${cachedjobs.idempotency.purge-interval:1h}",
            fixedDelayString = "${cachedjobs.idempotency.purge-interval:1h}")
    void purge() {
        try {
            int deleted = keys.purgeExpired();
            if (deleted > 0) {
                log.info("Purged {} expired idempotency keys", deleted);
            }
        } catch (RuntimeException e) {
            // The database may be away for a while; the next run catches up.
            log.warn("Could not purge expired idempotency keys: {}", e.getMessage());
        }
    }
}
