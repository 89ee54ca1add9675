package io.cachedjobs.project;

import io.cachedjobs.provider.ProviderKey;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Project", description = "A brand or product being monitored, with its run settings")
public record ProjectResponse(
        @Schema(example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID id,

        @Schema(description = "The organisation's id", example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")
        UUID organisation,

        @Schema(example = "Acme CRM") String name,

        @Schema(example = "https://acme.example", nullable = true)
        String website,

        @Schema(example = "Software", nullable = true) String industry,

        @Schema(example = "CRM for small businesses", nullable = true)
        String description,

        @Schema(description = ProjectFields.RECURRENCE, example = "weekly")
        String recurrence,

        @Schema(description = ProjectFields.TIME_ZONE, example = "Europe/Brussels")
        String recurrenceTimezone,

        @Schema(description = ProjectFields.STATUS, example = "active")
        RecurrenceStatus recurrenceStatus,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = ProjectFields.LLM_PROVIDERS,
                                example = "[\"openai\", \"anthropic\", \"google-generative-ai\"]"))
        List<ProviderKey> llmProviders,

        @Schema(description = ProjectFields.EXECUTION_COUNT, example = "3")
        int executionCount,

        @Schema(description = ProjectFields.NEXT_RUN_AT, example = "2023-08-27T22:00:00.000Z", nullable = true)
        Instant nextRunAt,

        @Schema(description = ProjectFields.LAST_RUN_AT, example = "2023-08-20T22:00:00.000Z", nullable = true)
        Instant lastRunAt,

        @Schema(example = "2023-08-22T10:00:00.000Z") Instant createdAt,
        @Schema(example = "2023-08-22T10:00:00.000Z") Instant updatedAt) {}
