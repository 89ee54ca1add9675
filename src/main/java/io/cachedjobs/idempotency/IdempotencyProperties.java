package io.cachedjobs.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code cachedjobs.idempotency.*}. Checked at start-up, so that a zero retention or lease cannot
 * quietly turn safe retries off.
 *
 * @param retention how long an answer is kept for retries, counted from when it was given
 * @param inProgressTimeout how long a claim holds its key while the first call runs; past it the
 *     call is taken for dead (its instance stopped) and a retry runs again. Longer than any call.
 * @param maxBodySize the largest body a call with a key may carry: it is held in memory to be
 *     fingerprinted before the call runs
 */
@ConfigurationProperties("cachedjobs.idempotency")
record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("5m") Duration inProgressTimeout,
        @DefaultValue("1MB") DataSize maxBodySize) {

    IdempotencyProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("cachedjobs.idempotency.retention must be positive");
        }
        if (inProgressTimeout.isNegative() || inProgressTimeout.isZero()) {
            throw new IllegalArgumentException("cachedjobs.idempotency.in-progress-timeout must be positive");
        }
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("cachedjobs.idempotency.max-body-size must be from 1B to 2047MB");
        }
    }
}
