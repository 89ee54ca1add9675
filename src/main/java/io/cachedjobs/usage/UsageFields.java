package io.cachedjobs.usage;

/** Descriptions of the usage figures, written once for the rows and the totals. */
final class UsageFields {

    static final String FINISHED = "Executions that finished (succeeded or failed)";
    static final String SUCCESS = "Executions that succeeded (an answer, or the engine's observation that it had none)";
    static final String FAILED = "Executions that failed for good";
    static final String INPUT = "Input tokens the engines counted (cached ones included)";
    static final String CACHED_INPUT = "Input tokens the engines read from their cache (part of inputTokens)";
    static final String OUTPUT = "Output tokens (reasoning ones included)";
    static final String REASONING = "Reasoning tokens (part of outputTokens)";
    static final String SEARCHES = "Web searches the engines made";
    static final String COST = "Cost in millionths of a US dollar, of the executions whose cost is known "
            + "(pricedExecutions); the others add nothing";
    static final String PRICED = "Finished executions whose cost is known";
    static final String POSSIBLY_BILLED = "Calls whose answer was lost (a worker stopped mid-call, a time-out after "
            + "the request went out): the engine may have billed them; not in the tokens nor the cost";

    private UsageFields() {}
}
