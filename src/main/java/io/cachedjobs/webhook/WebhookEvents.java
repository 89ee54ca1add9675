package io.cachedjobs.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.cachedjobs.common.UuidV7;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The port through which the other features report what webhooks tell: the outbox. {@link #publish}
 * writes, in the caller's transaction, the event, one delivery for each enabled endpoint subscribed
 * to its type, and a db-scheduler task for each delivery: a change that rolls back sends nothing,
 * and no change commits without its webhooks. The runner's instances send the deliveries
 * ({@link WebhookDeliveryTask}), each by one instance.
 *
 * <p>Nothing is written when no endpoint is subscribed: one statement that finds none.
 */
@Component
public class WebhookEvents {

    /** db-scheduler's task of a delivery; its instance id is the delivery's id. */
    static final String TASK_NAME = "webhook-delivery";

    /**
     * Above the executions' (64 to 80), below db-scheduler's own recurring tasks (90): a delivery is
     * short, and a receiver waits for it.
     */
    static final int PRIORITY = 85;

    /**
     * The event, its deliveries and their tasks in one statement; the event only when some
     * endpoint takes it, and not twice for one dedupe key. {@code :endpoint} names the one endpoint
     * of a test event.
     */
    private static final String PUBLISH = """
            WITH targets AS (
                SELECT id FROM webhook_endpoints
                WHERE enabled
                    AND (CAST(:endpoint AS uuid) IS NULL AND :type = ANY(events) OR id = CAST(:endpoint AS uuid))
                    AND (CAST(:organisation AS uuid) IS NULL OR organisation_id = CAST(:organisation AS uuid))),
            event AS (
                INSERT INTO webhook_events (id, type, organisation_id, body, dedupe_key, created_at)
                SELECT :id, :type, CAST(:organisation AS uuid), :body, CAST(:dedupe AS text), :now WHERE EXISTS (SELECT 1 FROM targets)
                ON CONFLICT (dedupe_key) DO NOTHING
                RETURNING id),
            deliveries AS (
                INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, next_attempt_at, created_at, updated_at)
                SELECT %s, event.id, t.id, 'pending', :now, :now, :now
                FROM (SELECT id, :first + row_number() OVER (ORDER BY id) - 1 AS time_and_counter FROM targets) t
                CROSS JOIN event
                RETURNING id),
            tasks AS (
                INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                SELECT '%s', id::text, :now, false, 1, %d FROM deliveries
                RETURNING task_instance)
            SELECT id FROM deliveries""".formatted(UuidV7.sql("t.time_and_counter"), TASK_NAME, PRIORITY);

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final ObjectProvider<Scheduler> scheduler;

    WebhookEvents(JdbcClient jdbc, JsonMapper json, Clock clock, ObjectProvider<Scheduler> scheduler) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Reports an event to the endpoints subscribed to {@code type}, in the caller's transaction.
     *
     * @param organisationId the organisation whose endpoints receive it; null for every
     *     organisation's (an engine account's events: the accounts are shared)
     * @param data the event's {@code data}: small, ids and counts (the receiver fetches details)
     * @throws IllegalStateException outside a transaction: an event must commit with its change
     */
    public void publish(WebhookEventType type, @Nullable UUID organisationId, Map<String, ?> data) {
        write(type, organisationId, null, null, data);
    }

    /**
     * {@link #publish}, at most once for {@code dedupeKey}: a second call with the same key writes
     * nothing (an event its change's retry would report again).
     */
    public void publishOnce(WebhookEventType type, UUID organisationId, String dedupeKey, Map<String, ?> data) {
        write(type, organisationId, null, dedupeKey, data);
    }

    /** A {@code webhook.test} event to one endpoint; the delivery made, none when it is disabled. */
    List<UUID> test(UUID organisationId, UUID endpointId) {
        return write(WebhookEventType.WEBHOOK_TEST, organisationId, endpointId, null, Map.of("webhookId", endpointId));
    }

    private List<UUID> write(
            WebhookEventType type,
            @Nullable UUID organisationId,
            @Nullable UUID endpointId,
            @Nullable String dedupeKey,
            Map<String, ?> data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A webhook event is published in the transaction of its change");
        }
        Instant now = clock.instant();
        UUID id = UuidV7.next();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.value());
        // To the millisecond, as every time the API shows.
        body.put("timestamp", MILLIS.format(now));
        body.put("data", data);
        long first = UuidV7.nextTimeAndCounter();
        List<UUID> deliveries = jdbc.sql(PUBLISH)
                .param("endpoint", endpointId)
                .param("type", type.value())
                .param("organisation", organisationId)
                .param("id", id)
                .param("body", json.writeValueAsString(body))
                .param("dedupe", dedupeKey)
                .param("now", Timestamp.from(now))
                .param("first", first)
                .query(UUID.class)
                .list();
        if (!deliveries.isEmpty()) {
            UuidV7.madeUpTo(first + deliveries.size() - 1);
            // Sent at this instance's next fetch, now rather than at its polling interval.
            WebhookDeliveries.fetchAfterCommit(scheduler);
        }
        return deliveries;
    }
}
