package io.cachedjobs.provider;

import com.fasterxml.jackson.annotation.JsonValue;

/** The AI provider keys a client may ask for; the model each stands for is configuration. */
public enum ProviderKey {
    OPENAI("openai", "GPT-4 models"),
    OPENAI5("openai5", "GPT-5 models"),
    OPENAI5GPT("openai5gpt", "GPT-5 chat model"),
    OPENAI51GPT("openai51gpt", "GPT-5.1 chat model"),
    ANTHROPIC("anthropic", "Claude models"),
    GOOGLE_GENERATIVE_AI("google-generative-ai", "Gemini models"),
    PERPLEXITY("perplexity", "Perplexity AI"),
    DEEPSEEK("deepseek", "DeepSeek models"),
    AI_OVERVIEW("ai-overview", "Google AI Overviews"),
    AI_MODE("ai-mode", "Google AI Mode (AI search mode)"),
    AI_OVERVIEW2("ai-overview2", "Google AI Overviews, second variant"),
    AI_OVERVIEW3("ai-overview3", "Google AI Overviews, third variant"),
    AI_MODE2("ai-mode2", "Google AI Mode, second variant"),
    AI_MODE3("ai-mode3", "Google AI Mode, third variant");

    /** The keys, for messages that must be constants (annotations); a test holds it to the enum. */
    public static final String ACCEPTED =
            "openai, openai5, openai5gpt, openai51gpt, anthropic, google-generative-ai, perplexity, deepseek, "
                    + "ai-overview, ai-mode, ai-overview2, ai-overview3, ai-mode2, ai-mode3";

    /** The message for an empty list of keys. */
    public static final String NONE_GIVEN = "must hold at least one provider key: " + ACCEPTED;

    private final String key;
    private final String description;

    ProviderKey(String key, String description) {
        this.key = key;
        this.description = description;
    }

    @JsonValue
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return key;
    }
}
