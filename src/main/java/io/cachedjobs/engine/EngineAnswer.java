package io.cachedjobs.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an engine answered to one question.
 *
 * @param text the answer's text (Markdown as the engine writes it), or null when it gave none
 * @param noAnswerReason why there is no text, or no whole one: {@code no-ai-overview} (the search
 *     shows no AI Overview), {@code blocked} (refused for safety), {@code incomplete} (cut short,
 *     e.g. by its token limit; any partial text is kept), {@code empty}; null for a whole answer
 * @param sources the pages the answer cites, then those the engine only consulted, each once, in the
 *     engine's order
 * @param searchQueries the searches the engine ran for it, in order (empty when it reports none)
 * @param usage tokens and searches, as the engine reports them
 * @param statedCostMicros the call's cost in millionths of a US dollar when the engine states it
 *     (Perplexity), else null (the runner prices it)
 * @param raw the engine's answer as received (its JSON; several calls' bodies joined in one JSON
 *     object when the answer took more than one call)
 */
public record EngineAnswer(
        @Nullable String text,
        @Nullable String noAnswerReason,
        List<EngineSource> sources,
        List<String> searchQueries,
        EngineUsage usage,
        @Nullable Long statedCostMicros,
        String raw) {

    public EngineAnswer {
        if (text == null && noAnswerReason == null) {
            throw new IllegalArgumentException("An answer without text says why");
        }
        sources = List.copyOf(sources);
        searchQueries = List.copyOf(searchQueries);
    }
}
