package io.cachedjobs.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An endpoint as its organisation's admins see it: never its secret. */
@Schema(name = "Webhook")
public record WebhookResponse(
        @Schema(example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID id,

        @Schema(example = "https://hooks.example.com/cached-jobs")
        String url,

        @Schema(example = "Reporting pipeline", nullable = true)
        String description,

        @Schema(example = "[\"run.completed\"]") List<String> events,

        @Schema(description = "false: nothing is sent; disabledReason says why", example = "true")
        boolean enabled,

        @Schema(
                description = "Why it was disabled: the receiver answered 410 Gone, its attempts failed for days, "
                        + "or an admin disabled it; null while enabled",
                example = "null",
                nullable = true)
        String disabledReason,

        @Schema(example = "null", nullable = true) Instant disabledAt,

        @Schema(
                description = "After a rotation, until when the previous secret still signs beside the new one; "
                        + "null when only one secret signs",
                example = "null",
                nullable = true)
        Instant previousSecretExpiresAt,

        @Schema(example = "2026-11-30T10:00:00.000Z") Instant createdAt,
        @Schema(example = "2026-11-30T10:00:00.000Z") Instant updatedAt) {}
