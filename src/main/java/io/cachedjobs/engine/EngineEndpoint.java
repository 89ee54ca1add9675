package io.cachedjobs.engine;

import java.net.URI;
import java.time.Duration;

/**
 * Where and as whom an adapter calls its engine.
 *
 * @param baseUrl the engine's base URL (its public API, or a local stub), without a trailing path
 *     the adapter adds (e.g. {@code https://api.openai.com})
 * @param apiKey the account's key, sent as the engine expects it
 * @param timeout how long one call may take, answer included (engines with web search take 10 to
 *     120 seconds)
 */
public record EngineEndpoint(URI baseUrl, String apiKey, Duration timeout) {

    @Override
    public String toString() {
        // The key never reaches a log line.
        return "EngineEndpoint[" + baseUrl + "]";
    }
}
