package io.cachedjobs.webhook;

import io.cachedjobs.common.MaxLength;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(name = "CreateWebhook")
public record CreateWebhookRequest(
        @Schema(
                description = "Where the events are sent, by POST: an https URL whose host is a public address "
                        + "(a private, loopback, link-local or metadata address is refused, 422)",
                example = "https://hooks.example.com/cached-jobs",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = WebhookTargets.MAX_URL_LENGTH)
        @NotBlank
        @MaxLength(WebhookTargets.MAX_URL_LENGTH)
        String url,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "The event types to send, at least one",
                                requiredMode = Schema.RequiredMode.REQUIRED),
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
        @NotNull
        @Size(min = 1, max = 20)
        List<@NotNull String> events,

        @Schema(description = "What the endpoint is for; trimmed", example = "Reporting pipeline", maxLength = 500)
        @MaxLength(500)
        String description) {}
