package io.cachedjobs.cachedjob;

import io.cachedjobs.provider.ExecutionCount;
import io.cachedjobs.provider.ProviderKey;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

@Schema(name = "CreateCachedJobs")
public record CreateCachedJobsRequest(
        @ArraySchema(
                arraySchema = @Schema(description = "One entry per cached job to create"),
                minItems = 1,
                maxItems = CachedJobService.MAX_BATCH)
        @NotEmpty
        @Size(max = CachedJobService.MAX_BATCH)
        List<@NotNull @Valid Item> cachedJobs) {

    @Schema(name = "CreateCachedJob")
    public record Item(
            @Schema(
                    description = "A query of the project",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d")
            @NotNull
            UUID queryId,

            @ArraySchema(
                    arraySchema =
                            @Schema(
                                    description = TriggerRequest.AI_MODELS,
                                    requiredMode = Schema.RequiredMode.REQUIRED,
                                    example = "[\"openai\", \"anthropic\"]"),
                    minItems = 1)
            @NotEmpty(message = ProviderKey.NONE_GIVEN)
            List<@NotNull ProviderKey> aiModels,

            @Schema(
                    description = TriggerRequest.EXECUTION_COUNT,
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    minimum = "1",
                    example = "3")
            @NotNull
            @ExecutionCount
            Integer executionCount) {}
}
