package io.cachedjobs.execution;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cachedjobs.engines}: the engine accounts, and which account each provider key calls.
 *
 * @param accounts by name ({@code openai}, {@code anthropic}, {@code google}, {@code perplexity},
 *     {@code deepseek}, {@code serpapi}): where and as whom to call
 * @param providers by provider key: the account it calls
 * @param prices what each model costs from a date on, for the calls whose engine states no cost
 *     (only Perplexity does); a model without a price has its calls' cost unknown (null)
 */
@ConfigurationProperties("cachedjobs.engines")
public record EnginesProperties(
        @DefaultValue Map<String, Account> accounts,
        @DefaultValue Map<String, Provider> providers,
        @DefaultValue List<Price> prices) {

    public EnginesProperties {
        for (Account account : accounts.values()) {
            if (account.maxConcurrency() < 1 || account.requestsPerMinute() < 1) {
                throw new IllegalArgumentException(
                        "cachedjobs.engines.accounts: max-concurrency and requests-per-minute must be at least 1");
            }
        }
        for (Price price : prices) {
            if (price.model() == null || price.effectiveFrom() == null) {
                throw new IllegalArgumentException(
                        "cachedjobs.engines.prices: each price needs a model and an effective-from date");
            }
        }
    }

    /**
     * One account of one engine.
     *
     * @param baseUrl the engine's API (or a local stub)
     * @param apiKey the account's key; none: its executions fail with {@code engine-not-configured}
     * @param maxConcurrency calls to it at once, across every instance
     * @param requestsPerMinute calls to it a minute, across every instance
     * @param dailyBudgetUsd spend per UTC day after which it pauses until the next; none: no limit
     * @param timeout how long one call may take
     */
    public record Account(
            URI baseUrl,
            @Nullable String apiKey,
            @DefaultValue("10") int maxConcurrency,
            @DefaultValue("60") int requestsPerMinute,
            @Nullable BigDecimal dailyBudgetUsd,
            @DefaultValue("120s") Duration timeout) {

        boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }

        @Override
        public String toString() {
            // The key never reaches a log line or an error page.
            return "Account[" + baseUrl + (configured() ? ", key set" : ", no key") + "]";
        }
    }

    /** @param account the name of the account the key calls */
    public record Provider(String account) {}

    /**
     * A model's price list from a day on (UTC); the latest one in effect on the day of a call prices
     * it. Prices are in USD: per million tokens (which is micro-dollars per token), per thousand
     * searches and per call.
     *
     * @param model the model name, as jobs hold it ({@code gpt-4.1-mini})
     * @param effectiveFrom the first UTC day it applies to
     * @param inputPerMillion prompt tokens not read from the cache
     * @param cachedInputPerMillion prompt tokens read from the cache; none: as {@code inputPerMillion}
     * @param outputPerMillion answer tokens, reasoning included
     * @param perThousandSearches the engine's web searches (or a SERP vendor's searches)
     * @param perCall a fixed price per call
     */
    public record Price(
            String model,
            LocalDate effectiveFrom,
            @DefaultValue("0") BigDecimal inputPerMillion,
            @Nullable BigDecimal cachedInputPerMillion,
            @DefaultValue("0") BigDecimal outputPerMillion,
            @DefaultValue("0") BigDecimal perThousandSearches,
            @DefaultValue("0") BigDecimal perCall) {}
}
