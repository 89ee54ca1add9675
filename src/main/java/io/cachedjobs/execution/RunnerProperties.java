package io.cachedjobs.execution;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cachedjobs.runner}: how this instance runs executions. Every instance runs workers; they
 * share the work through PostgreSQL.
 *
 * @param enabled whether this instance runs executions at all (an instance that only answers the
 *     API, or a test that checks jobs before they run)
 * @param workers executions this instance sends at once (threads waiting on engines)
 * @param pollingInterval how often an idle instance looks for due executions
 * @param heartbeatInterval how often a running execution shows it is alive; one silent for {@code
 *     missedHeartbeats} intervals is taken for dead (its worker stopped) and sent again
 * @param missedHeartbeats see {@code heartbeatInterval}
 * @param startInterval how often pending cached jobs are started (their executions made)
 * @param startBatch cached jobs started per statement
 * @param maxAttempts times an execution is sent before it fails for good (a rate limit, an
 *     overloaded or failing engine, a time-out: each attempt counts)
 * @param maxAge how old an execution may be (from its making) and still be retried: a failure
 *     after that fails it for good, whatever its attempts; waiting for a paused account does not
 * @param backoff the first wait before a retry; it doubles with each attempt (with jitter), up to
 *     {@code maxBackoff}, and is never shorter than the engine asked
 * @param maxBackoff see {@code backoff}
 * @param pausedRetry when an account's credit is out or its key refused, how often its waiting
 *     executions (pending, not failed) look whether it was resumed
 * @param limitWait when an account has its most calls in flight, how long an execution waits at most
 *     before it looks again (with jitter: half to one and a half times this); the account's next call
 *     to end normally brings it forward sooner
 * @param overloadPauseAfter overloaded answers in a row that pause an account, for every instance
 * @param overloadPause how long such a pause lasts
 * @param recurrenceInterval how often the projects whose recurrence is due are looked for: a run
 *     starts at most this long after its time
 */
@ConfigurationProperties("cachedjobs.runner")
public record RunnerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") int workers,
        @DefaultValue("1s") Duration pollingInterval,
        @DefaultValue("30s") Duration heartbeatInterval,
        @DefaultValue("4") int missedHeartbeats,
        @DefaultValue("2s") Duration startInterval,
        @DefaultValue("50") int startBatch,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("24h") Duration maxAge,
        @DefaultValue("2s") Duration backoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("1m") Duration pausedRetry,
        @DefaultValue("5s") Duration limitWait,
        @DefaultValue("3") int overloadPauseAfter,
        @DefaultValue("1m") Duration overloadPause,
        @DefaultValue("15s") Duration recurrenceInterval) {

    public RunnerProperties {
        require(workers >= 1 && workers <= 1000, "workers must be 1 to 1000");
        require(positive(pollingInterval), "polling-interval must be positive");
        require(positive(heartbeatInterval), "heartbeat-interval must be positive");
        // db-scheduler's own floor: fewer would take a merely slow heartbeat for a dead worker
        require(missedHeartbeats >= 4, "missed-heartbeats must be at least 4");
        require(positive(startInterval), "start-interval must be positive");
        require(startBatch >= 1 && startBatch <= 1000, "start-batch must be 1 to 1000");
        require(maxAttempts >= 1 && maxAttempts <= 100, "max-attempts must be 1 to 100");
        require(positive(maxAge), "max-age must be positive");
        require(
                positive(backoff) && positive(maxBackoff) && backoff.compareTo(maxBackoff) <= 0,
                "backoff and max-backoff must be positive, backoff <= max-backoff");
        require(positive(pausedRetry), "paused-retry must be positive");
        require(positive(limitWait), "limit-wait must be positive");
        require(overloadPauseAfter >= 1, "overload-pause-after must be at least 1");
        require(positive(overloadPause), "overload-pause must be positive");
        require(positive(recurrenceInterval), "recurrence-interval must be positive");
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean holds, String message) {
        if (!holds) {
            throw new IllegalArgumentException("cachedjobs.runner: " + message);
        }
    }
}
