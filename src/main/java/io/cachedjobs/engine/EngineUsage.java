package io.cachedjobs.engine;

/**
 * What one call used, as the engine reports it; 0 where it reports nothing.
 *
 * @param inputTokens prompt tokens, cached ones included
 * @param cachedInputTokens of those, the tokens read from the engine's prompt cache
 * @param outputTokens answer tokens, reasoning ones included
 * @param reasoningTokens of those, the model's hidden reasoning
 * @param searchCalls web searches the engine ran (each billed by most engines)
 */
public record EngineUsage(
        long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens, int searchCalls) {

    public static final EngineUsage NONE = new EngineUsage(0, 0, 0, 0, 0);
}
