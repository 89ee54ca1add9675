package io.cachedjobs.usage;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an organisation's finished executions used: counts, tokens, searches and cost. The same
 * figures as each {@link DayModelUsage} row, added up.
 */
@Schema(name = "UsageTotals", description = "The rows added up: every model, every day of the range")
public record UsageFigures(
        @Schema(description = UsageFields.FINISHED, example = "120")
        long finishedExecutions,

        @Schema(description = UsageFields.SUCCESS, example = "117")
        long successExecutions,

        @Schema(description = UsageFields.FAILED, example = "3")
        long failedExecutions,

        @Schema(description = UsageFields.INPUT, example = "984000")
        long inputTokens,

        @Schema(description = UsageFields.CACHED_INPUT, example = "245760")
        long cachedInputTokens,

        @Schema(description = UsageFields.OUTPUT, example = "111720")
        long outputTokens,

        @Schema(description = UsageFields.REASONING, example = "0")
        long reasoningTokens,

        @Schema(description = UsageFields.SEARCHES, example = "240")
        long searchCalls,

        @Schema(description = UsageFields.COST, example = "2450000")
        long costMicros,

        @Schema(description = UsageFields.PRICED, example = "117")
        long pricedExecutions,

        @Schema(description = UsageFields.POSSIBLY_BILLED, example = "1")
        long possiblyBilledCalls) {

    static final UsageFigures NONE = new UsageFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    UsageFigures plus(DayModelUsage row) {
        return new UsageFigures(
                finishedExecutions + row.finishedExecutions(),
                successExecutions + row.successExecutions(),
                failedExecutions + row.failedExecutions(),
                inputTokens + row.inputTokens(),
                cachedInputTokens + row.cachedInputTokens(),
                outputTokens + row.outputTokens(),
                reasoningTokens + row.reasoningTokens(),
                searchCalls + row.searchCalls(),
                costMicros + row.costMicros(),
                pricedExecutions + row.pricedExecutions(),
                possiblyBilledCalls + row.possiblyBilledCalls());
    }
}
