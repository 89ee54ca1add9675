package io.cachedjobs.execution;

import io.cachedjobs.engine.AnswerEngine;
import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.anthropic.AnthropicMessagesEngine;
import io.cachedjobs.engine.chat.ChatCompletionsEngine;
import io.cachedjobs.engine.gemini.GeminiEngine;
import io.cachedjobs.engine.openai.OpenAiResponsesEngine;
import io.cachedjobs.engine.serpapi.SerpApiEngine;
import java.time.Clock;
import java.util.List;
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
    private final Map<String, Optional<Engine>> byProviderKey = new ConcurrentHashMap<>();

    /**
     * What an execution of one provider key is sent through.
     *
     * @param account the account's name; its limits and pauses are shared by every key it serves
     * @param settings the account's configuration
     * @param accountKeys every provider key the account serves (its calls in flight are theirs)
     * @param adapter the adapter of the key's wire format, for the account
     */
    record Engine(String account, EnginesProperties.Account settings, List<String> accountKeys, AnswerEngine adapter) {}

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
    Optional<Engine> forProviderKey(String providerKey) {
        return byProviderKey.computeIfAbsent(providerKey, this::engineOf);
    }

    /** The name of the account {@code providerKey} calls; empty for a key no account serves. */
    Optional<String> accountOf(String providerKey) {
        return Optional.ofNullable(properties.providers().get(providerKey)).map(EnginesProperties.Provider::account);
    }

    /** Whether {@code account} is one of the configured accounts and has a key. */
    boolean configured(String account) {
        EnginesProperties.Account settings = properties.accounts().get(account);
        return settings != null && settings.configured();
    }

    private Optional<Engine> engineOf(String providerKey) {
        Optional<String> name = accountOf(providerKey);
        if (name.isEmpty() || !configured(name.get())) {
            return Optional.empty();
        }
        EnginesProperties.Account account = properties.accounts().get(name.get());
        List<String> keys = properties.providers().entrySet().stream()
                .filter(entry -> entry.getValue().account().equals(name.get()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        EngineEndpoint endpoint = new EngineEndpoint(account.baseUrl(), account.apiKey(), account.timeout());
        return Optional.of(new Engine(name.get(), account, keys, adapter(providerKey, endpoint)));
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
