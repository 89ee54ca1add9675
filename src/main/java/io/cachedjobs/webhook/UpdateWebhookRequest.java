package io.cachedjobs.webhook;

import io.cachedjobs.common.MaxLength;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A change of an endpoint: each field left out (or null) stays as it is. */
@Schema(name = "UpdateWebhook")
public record UpdateWebhookRequest(
        @Schema(
                description = "A new URL, checked as when created",
                example = "https://hooks.example.com/cached-jobs",
                maxLength = WebhookTargets.MAX_URL_LENGTH)
        @MaxLength(WebhookTargets.MAX_URL_LENGTH)
        String url,

        @ArraySchema(
                arraySchema = @Schema(description = "The event types to send, at least one"),
                schema =
                        @Schema(
                                allowableValues = {
                                    "cached_job.ended",
                                    "run.completed",
                                    "job_execution.failed",
                                    "engine.paused",
                                    "engine.resumed"
                                },
                                example = "run.completed"),
                minItems = 1,
                maxItems = 20)
        @Size(min = 1, max = 20)
        List<@NotNull String> events,

        @Schema(
                description = "false stops sending; true sends again (and forgets why it was disabled); events "
                        + "of the time it was disabled are not sent",
                example = "true")
        Boolean enabled,

        @Schema(
                description = "What the endpoint is for; an empty string clears it",
                example = "Reporting pipeline",
                maxLength = 500)
        @MaxLength(500)
        String description) {}
