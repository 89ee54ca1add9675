package io.cachedjobs.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cachedjobs.rate-limit.*}. Checked at start-up: a zero burst or hourly limit would refuse
 * every call, and a zero rate would never refill, so a typo cannot quietly lock every key out.
 *
 * @param enabled whether calls are limited at all; when off, no bucket is read or written
 * @param perSecond tokens the per-second bucket regains each second (may be fractional)
 * @param burst the per-second bucket's capacity: the most calls a rested key may make at once
 * @param perHour the hourly bucket's capacity, regained evenly over an hour
 */
@ConfigurationProperties("cachedjobs.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10") double perSecond,
        @DefaultValue("20") long burst,
        @DefaultValue("10000") long perHour) {

    RateLimitProperties {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("cachedjobs.rate-limit.per-second must be a positive number");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("cachedjobs.rate-limit.burst must be at least 1");
        }
        if (perHour < 1) {
            throw new IllegalArgumentException("cachedjobs.rate-limit.per-hour must be at least 1");
        }
    }

    /** The per-second bucket holding {@code level} tokens. */
    Bucket perSecondBucket(double level) {
        return new Bucket(burst, perSecond, level);
    }

    /** The hourly bucket holding {@code level} tokens. */
    Bucket perHourBucket(double level) {
        return new Bucket(perHour, perHour / 3600.0, level);
    }
}
