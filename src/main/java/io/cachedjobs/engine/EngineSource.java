package io.cachedjobs.engine;

import org.jspecify.annotations.Nullable;

/**
 * A web page an answer rests on, as the engine names it.
 *
 * @param url the page's address as the engine gives it (for Gemini, the target of its redirect link)
 * @param redirectUrl the engine's own redirect link to it, when it gives one (Gemini's grounding
 *     links), else null
 * @param title the page title the engine gives, else null
 * @param cited whether the answer's text cites it (a citation or annotation); false for a page the
 *     engine only consulted (a search result it did not cite)
 */
public record EngineSource(
        String url, @Nullable String redirectUrl, @Nullable String title, boolean cited) {

    public static EngineSource cited(String url, @Nullable String title) {
        return new EngineSource(url, null, title, true);
    }

    public static EngineSource consulted(String url, @Nullable String title) {
        return new EngineSource(url, null, title, false);
    }
}
