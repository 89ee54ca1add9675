package io.cachedjobs.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cachedjobs.idempotency.*}. Checked at start-up, so that a zero retention or lease cannot
 * quietly turn safe retries off.
 *
 * @param retention how long an answer is kept for retries, counted from when it was given
 * @param inProgressTimeout how long a claim holds its key while the first call runs; past it the
 *     call is taken for dead (its instance stopped) and a retry runs again. Longer than any call.
 */
@ConfigurationProperties("cachedjobs.idempotency")
record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("5m") Duration inProgressTimeout) {

    IdempotencyProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("cachedjobs.idempotency.retention must be positive");
        }
        if (inProgressTimeout.isNegative() || inProgressTimeout.isZero()) {
            throw new IllegalArgumentException("cachedjobs.idempotency.in-progress-timeout must be positive");
        }
    }
}
