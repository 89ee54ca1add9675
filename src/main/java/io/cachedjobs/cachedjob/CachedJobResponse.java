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

        @Schema(example = "false") boolean restricted,

        @Schema(
                description = "Its executions: one per model and run (aiModels x executionCount), made when it starts; "
                        + "0 while pending",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "6")
        int totalExecutions,

        @Schema(
                description = "Executions waiting to be sent",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "2")
        int pendingExecutions,

        @Schema(description = "Executions being asked now", requiredMode = Schema.RequiredMode.REQUIRED, example = "1")
        int runningExecutions,

        @Schema(
                description = "Executions waiting to be sent again after a failure that asks for a retry",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "0")
        int retryingExecutions,

        @Schema(description = "Executions answered", requiredMode = Schema.RequiredMode.REQUIRED, example = "3")
        int successExecutions,

        @Schema(
                description = "Executions that failed after their last attempt",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "0")
        int failedExecutions,

        @Schema(
                description = "How it ended, once ended (else null): completed (every execution succeeded), "
                        + "partial_failed, or failed (none succeeded)",
                nullable = true,
                example = "completed")
        JobOutcome outcome,

        @Schema(
                description = "What its executions cost, in millionths of a US dollar, once ended (else null)",
                nullable = true,
                example = "41250")
        Long costMicros) {}
