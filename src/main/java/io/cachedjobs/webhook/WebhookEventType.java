package io.cachedjobs.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events a webhook reports (docs/webhooks.md has each one's {@code data}). */
public enum WebhookEventType {
    /** A cached job has ended: every execution succeeded or failed for good. */
    CACHED_JOB_ENDED("cached_job.ended"),
    /** Every job of one trigger, or of one run of a project's recurrence, has ended. */
    RUN_COMPLETED("run.completed"),
    /** An execution failed after its last attempt. */
    JOB_EXECUTION_FAILED("job_execution.failed"),
    /** An engine account paused for a reason that needs someone or lasts (credit, key, budget). */
    ENGINE_PAUSED("engine.paused"),
    /** Such a pause ended. */
    ENGINE_RESUMED("engine.resumed"),
    /** Sent by {@code POST /api/webhooks/{id}/test} to that endpoint only; not subscribed to. */
    WEBHOOK_TEST("webhook.test");

    private final String value;

    WebhookEventType(String value) {
        this.value = value;
    }

    /** The type as it is sent and subscribed to, e.g. {@code run.completed}. */
    public String value() {
        return value;
    }

    /** The types an endpoint may subscribe to, in this order. */
    static List<String> subscribable() {
        return Arrays.stream(values())
                .filter(type -> type != WEBHOOK_TEST)
                .map(WebhookEventType::value)
                .toList();
    }

    static Optional<WebhookEventType> subscribable(String value) {
        return Arrays.stream(values())
                .filter(type -> type != WEBHOOK_TEST && type.value.equals(value))
                .findFirst();
    }
}
