package io.cachedjobs.usage;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/** What one model's executions that finished on one UTC day used. */
@Schema(name = "DayModelUsage", description = "One model on one UTC day: its executions that finished that day")
public record DayModelUsage(
        @Schema(description = "The UTC day the executions finished", example = "2026-11-28")
        LocalDate day,

        @Schema(description = "The model asked (a model name, as cached jobs answer it)", example = "gpt-4.1-mini")
        String model,

        @Schema(description = UsageFields.FINISHED, example = "40")
        long finishedExecutions,

        @Schema(description = UsageFields.SUCCESS, example = "39")
        long successExecutions,

        @Schema(description = UsageFields.FAILED, example = "1")
        long failedExecutions,

        @Schema(description = UsageFields.INPUT, example = "328000")
        long inputTokens,

        @Schema(description = UsageFields.CACHED_INPUT, example = "81920")
        long cachedInputTokens,

        @Schema(description = UsageFields.OUTPUT, example = "37240")
        long outputTokens,

        @Schema(description = UsageFields.REASONING, example = "0")
        long reasoningTokens,

        @Schema(description = UsageFields.SEARCHES, example = "80")
        long searchCalls,

        @Schema(description = UsageFields.COST, example = "816000")
        long costMicros,

        @Schema(description = UsageFields.PRICED, example = "39")
        long pricedExecutions,

        @Schema(description = UsageFields.POSSIBLY_BILLED, example = "0")
        long possiblyBilledCalls) {}
