package io.cachedjobs.execution;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
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
 */
@ConfigurationProperties("cachedjobs.engines")
public record EnginesProperties(
        @DefaultValue Map<String, Account> accounts,
        @DefaultValue Map<String, Provider> providers) {

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
}
