package io.cachedjobs.cachedjob;

import io.cachedjobs.provider.ExecutionCount;
import io.cachedjobs.provider.ProviderKey;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

@Schema(
        name = "TriggerCachedJobs",
        description = "Every field is optional: `{}` triggers every query with the project's settings; a field sent as "
                + "null counts as left out.")
public record TriggerRequest(
        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = AI_MODELS + " Left out: the project's llmProviders.",
                                example = "[\"openai\", \"anthropic\", \"google-generative-ai\"]"),
                minItems = 1)
        @Size(min = 1, message = ProviderKey.NONE_GIVEN)
        List<@NotNull ProviderKey> aiModels,

        @Schema(
                description = EXECUTION_COUNT + ". Left out: the project's executionCount.",
                minimum = "1",
                example = "3")
        @ExecutionCount
        Integer executionCount,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Only these queries of the project (in the order they were created). "
                                        + "Left out: every query. A query not in the project is a 404 naming it.",
                                example = "[\"0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d\"]"),
                minItems = 1)
        @Size(min = 1)
        List<@NotNull UUID> queryIds,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Only the queries having any of these tags. With queryIds too, only "
                                        + "the named queries having any of the tags. A tag not in the project is a 400 "
                                        + "naming it.",
                                example = "[1, 4]"),
                minItems = 1)
        @Size(min = 1)
        List<@NotNull Long> tagIds) {

    /** {@code {}}: every query, with the project's settings. */
    static final TriggerRequest EVERY_QUERY = new TriggerRequest(null, null, null, null);

    static final String AI_MODELS = "List of AI provider keys to use for analysis (will be transformed to "
            + "corresponding models, see GET /api/ai-providers). A key given twice counts once.";
    static final String EXECUTION_COUNT = "The number of executions (runs) for each cached job: a JSON integer "
            + "from 1 to cachedjobs.jobs.max-execution-count (default 100)";
}
