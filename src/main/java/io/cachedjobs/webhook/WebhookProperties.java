package io.cachedjobs.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cachedjobs.webhooks}: how webhooks are sent (docs/webhooks.md).
 *
 * @param allowPrivateAddresses allows {@code http} URLs and receivers on loopback, private,
 *     link-local and other local addresses: for development and tests only, never in production
 * @param timeout how long one attempt may take, connecting and answering included; past it the
 *     attempt fails (and is retried)
 * @param retrySchedule the waits after the first attempt, one per retry: 9 retries by default
 *     (Standard Webhooks' example schedule, about three days in all)
 * @param maxRetryAfter the longest wait a receiver's {@code Retry-After} may ask for; a longer one
 *     is cut to this
 * @param disableAfter an endpoint whose attempts have all failed for this long is disabled
 * @param rotationOverlap how long the previous secret keeps signing beside the new one after a
 *     rotation
 */
@ConfigurationProperties("cachedjobs.webhooks")
public record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("15s") Duration timeout,

        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h"})
        List<Duration> retrySchedule,

        @DefaultValue("24h") Duration maxRetryAfter,
        @DefaultValue("5d") Duration disableAfter,
        @DefaultValue("24h") Duration rotationOverlap) {

    public WebhookProperties {
        require(positive(timeout) && timeout.compareTo(Duration.ofMinutes(5)) <= 0, "timeout must be 1ms to 5m");
        require(retrySchedule != null && retrySchedule.size() <= 50, "retry-schedule must hold at most 50 waits");
        require(
                retrySchedule.stream().allMatch(WebhookProperties::positive),
                "retry-schedule's waits must be positive");
        require(positive(maxRetryAfter), "max-retry-after must be positive");
        require(positive(disableAfter), "disable-after must be positive");
        require(positive(rotationOverlap), "rotation-overlap must be positive");
        retrySchedule = List.copyOf(retrySchedule);
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean holds, String message) {
        if (!holds) {
            throw new IllegalArgumentException("cachedjobs.webhooks: " + message);
        }
    }
}
