package io.cachedjobs.cachedjob;

import io.cachedjobs.provider.ExecutionCount;
import io.cachedjobs.provider.ProviderKey;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A change to a cached job: a field left out (or null) stays as it is. */
@Schema(name = "UpdateCachedJob")
public record UpdateCachedJobRequest(
        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = TriggerRequest.AI_MODELS + " Only while the job is pending or inactive.",
                                example = "[\"openai\", \"perplexity\"]"),
                minItems = 1)
        @Size(min = 1, message = ProviderKey.NONE_GIVEN)
        List<@NotNull ProviderKey> aiModels,

        @Schema(
                description = TriggerRequest.EXECUTION_COUNT + ". Only while the job is pending or inactive.",
                minimum = "1",
                example = "5")
        @ExecutionCount
        Integer executionCount,

        @Schema(example = "true") Boolean restricted,

        @Schema(
                description = "pending or active -> inactive pauses the job; inactive -> pending resumes "
                        + "it. active and ended are reached only by running the job; ended is final.",
                example = "inactive")
        CachedJobStatus status) {}
