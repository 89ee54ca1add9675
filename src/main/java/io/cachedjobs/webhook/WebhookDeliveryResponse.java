package io.cachedjobs.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event's delivery to one endpoint, with its latest attempts. */
@Schema(name = "WebhookDelivery")
public record WebhookDeliveryResponse(
        @Schema(example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID id,

        @Schema(
                description = "The event's id: the webhook-id header, the same at every attempt",
                example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")
        UUID eventId,

        @Schema(example = "run.completed") String eventType,

        @Schema(
                description = "pending: to be sent, or retried at nextAttemptAt; delivered: a 2xx answer; failed: "
                        + "given up (failure says why)",
                allowableValues = {"pending", "delivered", "failed"},
                example = "delivered")
        String status,

        @Schema(
                description = "Why it failed: retries-spent, gone (the receiver answered 410), endpoint-disabled; "
                        + "null otherwise",
                example = "null",
                nullable = true)
        String failure,

        @Schema(description = "Attempts made, redeliveries included", example = "1")
        int attemptCount,

        @Schema(description = "When it is sent next; null unless pending", example = "null", nullable = true)
        Instant nextAttemptAt,

        @Schema(example = "2026-11-30T10:00:00.000Z") Instant createdAt,

        @Schema(description = "The latest attempts, newest first (at most " + WebhookService.ATTEMPTS_SHOWN + ")")
        List<Attempt> attempts) {

    @Schema(name = "WebhookAttempt")
    public record Attempt(
            @Schema(example = "1") int number,
            @Schema(example = "2026-11-30T10:00:00.000Z") Instant attemptedAt,

            @Schema(description = "true: the receiver answered 2xx", example = "true")
            boolean delivered,

            @Schema(
                    description = "The receiver's status code; null when it gave none",
                    example = "200",
                    nullable = true)
            Integer responseStatus,

            @Schema(
                    description = "Why there is no status: timeout, connection, address-refused (the URL now "
                            + "resolves to a refused address); null when there is one",
                    example = "null",
                    nullable = true)
            String error,

            @Schema(
                    description = "At most the first 200 characters of the receiver's answer (or of the error)",
                    example = "ok",
                    nullable = true)
            String excerpt,

            @Schema(description = "How long the attempt took, in ms", example = "42")
            int durationMs) {}
}
