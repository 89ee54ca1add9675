package io.cachedjobs.execution;

import io.cachedjobs.engine.AnswerEngine;
import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.anthropic.AnthropicMessagesEngine;
import io.cachedjobs.engine.chat.ChatCompletionsEngine;
import io.cachedjobs.engine.gemini.GeminiEngine;
import io.cachedjobs.engine.openai.OpenAiResponsesEngine;
import io.cachedjobs.engine.serpapi.SerpApiEngine;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The engine each provider key calls: its account (from {@code cachedjobs.engines.providers}),
 * called through the adapter of the key's wire format. One adapter per key, made on first use.
 */
@Component
class Engines {

    private final EnginesProperties properties;
    private final Clock clock;
    private final Map<String, Optional<AnswerEngine>> byProviderKey = new ConcurrentHashMap<>();

    Engines(EnginesProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        properties.providers().forEach((key, provider) -> {
            if (!properties.accounts().containsKey(provider.account())) {
                throw new IllegalStateException("cachedjobs.engines.providers." + key + ".account names "
                        + provider.account() + ", which is no account of cachedjobs.engines.accounts");
            }
        });
    }

    /** The engine to ask for {@code providerKey}; empty when its account has no key configured. */
    Optional<AnswerEngine> forProviderKey(String providerKey) {
        return byProviderKey.computeIfAbsent(providerKey, this::engineOf);
    }

    private Optional<AnswerEngine> engineOf(String providerKey) {
        EnginesProperties.Provider provider = properties.providers().get(providerKey);
        EnginesProperties.Account account =
                provider == null ? null : properties.accounts().get(provider.account());
        if (account == null || !account.configured()) {
            return Optional.empty();
        }
        EngineEndpoint endpoint = new EngineEndpoint(account.baseUrl(), account.apiKey(), account.timeout());
        return Optional.of(adapter(providerKey, endpoint));
    }

    /** The adapter of the wire format {@code providerKey} speaks (docs/runner.md). */
    private AnswerEngine adapter(String providerKey, EngineEndpoint endpoint) {
        return switch (providerKey) {
            case "openai", "openai5", "openai5gpt", "openai51gpt" -> new OpenAiResponsesEngine(endpoint, clock);
            case "anthropic" -> new AnthropicMessagesEngine(endpoint, clock);
            case "google-generative-ai" -> new GeminiEngine(endpoint, clock);
            case "perplexity" -> new ChatCompletionsEngine(endpoint, clock, ChatCompletionsEngine.Variant.PERPLEXITY);
            case "deepseek" -> new ChatCompletionsEngine(endpoint, clock, ChatCompletionsEngine.Variant.DEEPSEEK);
            default -> new SerpApiEngine(endpoint, clock, SerpApiEngine.Surface.ofProvider(providerKey));
        };
    }
}
