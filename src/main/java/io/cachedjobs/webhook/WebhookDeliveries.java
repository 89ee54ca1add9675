package io.cachedjobs.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.problem.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The deliveries' rows, in plain SQL: what an attempt sends, what it got and what follows (the next
 * retry, the delivery's end, the endpoint disabled), and the reads of the deliveries API. Each
 * attempt's outcome is one transaction.
 */
@Component
class WebhookDeliveries {

    /** What an attempt sends, read when it is due. */
    record Due(
            UUID id,
            UUID endpointId,
            UUID eventId,
            String body,
            String url,
            boolean enabled,
            List<String> secrets,
            int attempts,
            int roundAttempts) {}

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final WebhookProperties properties;
    private final ObjectProvider<Scheduler> scheduler;

    WebhookDeliveries(
            JdbcClient jdbc,
            TransactionOperations transactions,
            WebhookProperties properties,
            ObjectProvider<Scheduler> scheduler) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    /** The delivery, if it is still to be sent, with the secrets that sign at {@code now}. */
    Optional<Due> due(UUID id, Instant now) {
        return jdbc.sql("""
                        SELECT d.id, d.endpoint_id, d.event_id, e.body, w.url, w.enabled, w.secret, w.previous_secret,
                            w.previous_secret_until, d.attempts, d.round_attempts
                        FROM webhook_deliveries d
                        JOIN webhook_events e ON e.id = d.event_id
                        JOIN webhook_endpoints w ON w.id = d.endpoint_id
                        WHERE d.id = :id AND d.status = 'pending'""")
                .param("id", id)
                .query((row, index) -> {
                    List<String> secrets = new ArrayList<>(List.of(row.getString("secret")));
                    Timestamp until = row.getTimestamp("previous_secret_until");
                    if (row.getString("previous_secret") != null
                            && until != null
                            && until.toInstant().isAfter(now)) {
                        secrets.add(row.getString("previous_secret"));
                    }
                    return new Due(
                            row.getObject("id", UUID.class),
                            row.getObject("endpoint_id", UUID.class),
                            row.getObject("event_id", UUID.class),
                            row.getString("body"),
                            row.getString("url"),
                            row.getBoolean("enabled"),
                            secrets,
                            row.getInt("attempts"),
                            row.getInt("round_attempts"));
                })
                .optional();
    }

    /** A delivery that will not be sent: its endpoint was disabled before its turn. */
    void endpointDisabled(UUID id, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET status = 'failed', failure = 'endpoint-disabled',
                            next_attempt_at = NULL, updated_at = :now
                        WHERE id = :id AND status = 'pending'""").param("id", id).param("now", Timestamp.from(now)).update();
    }

    /**
     * Records an attempt and decides what follows, in one transaction: delivered; the endpoint
     * disabled (a 410, or every attempt failed for {@code disable-after}); the schedule spent; or
     * the next retry, the schedule's wait, or longer if the receiver asked (up to {@code
     * max-retry-after}).
     *
     * @return when to send it again, or empty when it is done
     */
    Optional<Instant> record(Due due, Instant attemptedAt, WebhookSender.Sent sent, Instant now) {
        return transactions.execute(status -> {
            boolean stillPending = jdbc.sql("SELECT status FROM webhook_deliveries WHERE id = :id FOR UPDATE")
                    .param("id", due.id())
                    .query(String.class)
                    .optional()
                    .filter("pending"::equals)
                    .isPresent();
            if (!stillPending) {
                // Deleted with its endpoint while it was being sent: nothing to record.
                return Optional.<Instant>empty();
            }
            int number = due.attempts() + 1;
            int round = due.roundAttempts() + 1;
            jdbc.sql("""
                            INSERT INTO webhook_attempts (id, delivery_id, number, attempted_at, delivered,
                                response_status, error, excerpt, duration_ms)
                            VALUES (:id, :delivery, :number, :at, :delivered, :status, :error, :excerpt, :duration)""")
                    .param("id", UuidV7.next())
                    .param("delivery", due.id())
                    .param("number", number)
                    .param("at", Timestamp.from(attemptedAt))
                    .param("delivered", sent.delivered())
                    .param("status", sent.status())
                    .param("error", sent.error())
                    .param("excerpt", sent.excerpt())
                    .param("duration", sent.durationMs())
                    .update();
            if (sent.delivered()) {
                jdbc.sql("""
                                UPDATE webhook_endpoints SET failing_since = NULL
                                WHERE id = :endpoint AND failing_since IS NOT NULL""").param("endpoint", due.endpointId()).update();
                finish(due, number, round, "delivered", null, now);
                return Optional.<Instant>empty();
            }
            if (sent.status() != null && sent.status() == 410) {
                disable(due.endpointId(), "The receiver answered 410 Gone: it wants no more webhooks", now);
                finish(due, number, round, "failed", "gone", now);
                return Optional.<Instant>empty();
            }
            Instant failingSince = jdbc.sql("""
                            UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, :now)
                            WHERE id = :endpoint RETURNING failing_since""")
                    .param("now", Timestamp.from(attemptedAt))
                    .param("endpoint", due.endpointId())
                    .query(Timestamp.class)
                    .optional()
                    .map(Timestamp::toInstant)
                    .orElse(attemptedAt);
            if (Duration.between(failingSince, now).compareTo(properties.disableAfter()) >= 0) {
                disable(
                        due.endpointId(),
                        "Every attempt failed from " + failingSince + " to " + now + " (disable-after "
                                + properties.disableAfter() + ")",
                        now);
                finish(due, number, round, "failed", "endpoint-disabled", now);
                return Optional.<Instant>empty();
            }
            List<Duration> schedule = properties.retrySchedule();
            if (round > schedule.size()) {
                finish(due, number, round, "failed", "retries-spent", now);
                return Optional.<Instant>empty();
            }
            Duration wait = schedule.get(round - 1);
            if (sent.retryAfter() != null) {
                Duration asked = min(sent.retryAfter(), properties.maxRetryAfter());
                wait = asked.compareTo(wait) > 0 ? asked : wait;
            }
            Instant next = now.plus(wait);
            jdbc.sql("""
                            UPDATE webhook_deliveries SET attempts = :number, round_attempts = :round,
                                last_attempt_at = :at, next_attempt_at = :next, updated_at = :now
                            WHERE id = :id""")
                    .param("number", number)
                    .param("round", round)
                    .param("at", Timestamp.from(attemptedAt))
                    .param("next", Timestamp.from(next))
                    .param("now", Timestamp.from(now))
                    .param("id", due.id())
                    .update();
            return Optional.of(next);
        });
    }

    private void finish(Due due, int number, int round, String status, @Nullable String failure, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_deliveries SET status = :status, failure = :failure, attempts = :number,
                            round_attempts = :round, last_attempt_at = :now, next_attempt_at = NULL, updated_at = :now
                        WHERE id = :id""")
                .param("status", status)
                .param("failure", failure)
                .param("number", number)
                .param("round", round)
                .param("now", Timestamp.from(now))
                .param("id", due.id())
                .update();
    }

    private void disable(UUID endpoint, String why, Instant now) {
        jdbc.sql("""
                        UPDATE webhook_endpoints SET enabled = false, disabled_reason = :why, disabled_at = :now,
                            updated_at = :now
                        WHERE id = :endpoint AND enabled""")
                .param("why", why)
                .param("now", Timestamp.from(now))
                .param("endpoint", endpoint)
                .update();
    }

    /**
     * Sends a delivery of {@code endpoint} again at {@code now}, in the caller's transaction: a
     * finished one becomes pending from the schedule's start, with a task; a pending one's task is
     * brought to now.
     *
     * @return false when its task is being run (the delivery is being sent)
     */
    boolean redeliver(UUID endpoint, UUID id, Instant now) {
        String status = jdbc.sql(
                        "SELECT status FROM webhook_deliveries WHERE id = :id AND endpoint_id = :endpoint FOR UPDATE")
                .param("id", id)
                .param("endpoint", endpoint)
                .query(String.class)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Webhook delivery", id));
        Timestamp at = Timestamp.from(now);
        if (!status.equals("pending")) {
            jdbc.sql("""
                            UPDATE webhook_deliveries SET status = 'pending', failure = NULL, round_attempts = 0,
                                next_attempt_at = :now, updated_at = :now
                            WHERE id = :id""").param("now", at).param("id", id).update();
        } else {
            jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = :now, updated_at = :now WHERE id = :id")
                    .param("now", at)
                    .param("id", id)
                    .update();
        }
        boolean scheduled = jdbc.sql("""
                                INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                                VALUES (:task, :instance, :now, false, 1, :priority)
                                ON CONFLICT (task_name, task_instance) DO UPDATE SET execution_time = :now
                                WHERE NOT scheduled_tasks.picked""")
                        .param("task", WebhookEvents.TASK_NAME)
                        .param("instance", id.toString())
                        .param("now", at)
                        .param("priority", WebhookEvents.PRIORITY)
                        .update()
                > 0;
        if (scheduled) {
            fetchAfterCommit(scheduler);
        }
        return scheduled;
    }

    /** Asks this instance's scheduler to fetch due tasks once the transaction commits. */
    static void fetchAfterCommit(ObjectProvider<Scheduler> scheduler) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions);
            }
        });
    }

    /** A page of the endpoint's deliveries, newest first, each with its latest attempts. */
    List<WebhookDeliveryResponse> page(UUID endpoint, int limit, long offset, int attemptsShown) {
        return withAttempts(
                jdbc.sql(DELIVERY + " WHERE d.endpoint_id = :endpoint ORDER BY d.id DESC LIMIT :limit OFFSET :offset")
                        .param("endpoint", endpoint)
                        .param("limit", limit)
                        .param("offset", offset)
                        .query((row, index) -> delivery(row))
                        .list(),
                attemptsShown);
    }

    Optional<WebhookDeliveryResponse> one(UUID endpoint, UUID id, int attemptsShown) {
        return withAttempts(
                        jdbc.sql(DELIVERY + " WHERE d.endpoint_id = :endpoint AND d.id = :id")
                                .param("endpoint", endpoint)
                                .param("id", id)
                                .query((row, index) -> delivery(row))
                                .list(),
                        attemptsShown)
                .stream()
                .findFirst();
    }

    private static final String DELIVERY = """
            SELECT d.id, d.event_id, e.type, d.status, d.failure, d.attempts, d.next_attempt_at, d.created_at
            FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id""";

    private static WebhookDeliveryResponse delivery(ResultSet row) throws SQLException {
        Timestamp next = row.getTimestamp("next_attempt_at");
        String status = row.getString("status");
        return new WebhookDeliveryResponse(
                row.getObject("id", UUID.class),
                row.getObject("event_id", UUID.class),
                row.getString("type"),
                status,
                row.getString("failure"),
                row.getInt("attempts"),
                next == null || !status.equals("pending") ? null : next.toInstant(),
                row.getTimestamp("created_at").toInstant(),
                List.of());
    }

    private List<WebhookDeliveryResponse> withAttempts(List<WebhookDeliveryResponse> deliveries, int shown) {
        if (deliveries.isEmpty()) {
            return deliveries;
        }
        Map<UUID, List<WebhookDeliveryResponse.Attempt>> attempts = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT delivery_id, number, attempted_at, delivered, response_status, error, excerpt, duration_ms
                        FROM (SELECT a.*, row_number() OVER (PARTITION BY delivery_id ORDER BY number DESC) AS latest
                              FROM webhook_attempts a WHERE delivery_id IN (:ids)) x
                        WHERE latest <= :shown ORDER BY delivery_id, number DESC""")
                .param(
                        "ids",
                        deliveries.stream().map(WebhookDeliveryResponse::id).toList())
                .param("shown", shown)
                .query(row -> {
                    attempts.computeIfAbsent(row.getObject("delivery_id", UUID.class), id -> new ArrayList<>())
                            .add(new WebhookDeliveryResponse.Attempt(
                                    row.getInt("number"),
                                    row.getTimestamp("attempted_at").toInstant(),
                                    row.getBoolean("delivered"),
                                    row.getObject("response_status", Integer.class),
                                    row.getString("error"),
                                    row.getString("excerpt"),
                                    row.getInt("duration_ms")));
                });
        return deliveries.stream()
                .map(d -> new WebhookDeliveryResponse(
                        d.id(),
                        d.eventId(),
                        d.eventType(),
                        d.status(),
                        d.failure(),
                        d.attemptCount(),
                        d.nextAttemptAt(),
                        d.createdAt(),
                        attempts.getOrDefault(d.id(), List.of())))
                .toList();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
