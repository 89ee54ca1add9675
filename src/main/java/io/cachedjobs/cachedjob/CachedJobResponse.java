package io.cachedjobs.cachedjob;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "CachedJob", description = "One query of the project, to be asked to a set of AI models")
public record CachedJobResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID id,

        @Schema(
                description = "The project this cached job belongs to",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")
        UUID project,

        @Schema(
                description = "The query this cached job belongs to",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d")
        @JsonProperty("query_id")
        UUID queryId,

        @Schema(
                description = "The query's text when the job was created",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "mentionlab")
        String query,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Model names the provider keys were transformed to",
                                requiredMode = Schema.RequiredMode.REQUIRED,
                                example = "[\"gpt-4.1-mini\", \"claude-haiku-4-5\"]"))
        List<String> aiModels,

        @Schema(
                description = "The number of executions (runs) for each cached job",
                requiredMode = Schema.RequiredMode.REQUIRED,
                minimum = "1",
                example = "3")
        int executionCount,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "en")
        String language,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "US")
        String country,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "pending")
        CachedJobStatus status,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2023-08-22T10:00:00.000Z")
        Instant updatedAt,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2023-08-22T10:00:00.000Z")
        Instant createdAt,

        @Schema(example = "false") boolean restricted) {}
