package io.cachedjobs.webhook;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends one delivery: the db-scheduler task whose instance id is the delivery's id, run by one
 * instance at a time (db-scheduler's lock), retried by rescheduling it on the schedule, never by a
 * thread waiting. The call is made outside any transaction; its outcome is recorded in one.
 */
class WebhookDeliveryTask {

    private final WebhookDeliveries deliveries;
    private final WebhookSender sender;
    private final Clock clock;
    private final CustomTask<Void> task;

    WebhookDeliveryTask(WebhookDeliveries deliveries, WebhookSender sender, Clock clock) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.clock = clock;
        this.task = Tasks.custom(WebhookEvents.TASK_NAME, Void.class).execute(this::execute);
    }

    CustomTask<Void> task() {
        return task;
    }

    private CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        UUID id = UUID.fromString(instance.getId());
        Instant now = clock.instant();
        Optional<WebhookDeliveries.Due> found = deliveries.due(id, now);
        if (found.isEmpty()) {
            // Delivered, failed or deleted (its endpoint with it) since it was scheduled.
            return new CompletionHandler.OnCompleteRemove<>();
        }
        WebhookDeliveries.Due due = found.get();
        if (!due.enabled()) {
            deliveries.endpointDisabled(id, now);
            return new CompletionHandler.OnCompleteRemove<>();
        }
        long timestamp = now.getEpochSecond();
        String eventId = due.eventId().toString();
        WebhookSender.Sent sent = sender.send(
                due.url(),
                eventId,
                timestamp,
                WebhookSignatures.header(due.secrets(), eventId, timestamp, due.body()),
                due.body());
        Optional<Instant> next = deliveries.record(due, now, sent, clock.instant());
        if (next.isEmpty()) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        Instant at = next.get();
        return (complete, operations) -> operations.reschedule(complete, at);
    }
}
