package io.cachedjobs.cachedjob;

import io.cachedjobs.common.ExecutionCount;
import io.cachedjobs.provider.ProviderKey;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

@Schema(name = "TriggerCachedJobs")
public record TriggerRequest(
        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = AI_MODELS,
                                requiredMode = Schema.RequiredMode.REQUIRED,
                                example = "[\"openai\", \"anthropic\", \"google-generative-ai\"]"),
                minItems = 1)
        @NotEmpty
        List<@NotNull ProviderKey> aiModels,

        @Schema(
                description = EXECUTION_COUNT,
                requiredMode = Schema.RequiredMode.REQUIRED,
                type = "integer",
                minimum = "1",
                maximum = "100",
                example = "3")
        @NotNull
        @ExecutionCount
        Integer executionCount) {

    static final String AI_MODELS = "List of AI provider keys to use for analysis (will be transformed to "
            + "corresponding models, see GET /api/ai-providers). A key given twice counts once.";
    static final String EXECUTION_COUNT = "The number of executions (runs) for each cached job: a JSON integer "
            + "from 1 to cachedjobs.jobs.max-execution-count (default 100)";
}
