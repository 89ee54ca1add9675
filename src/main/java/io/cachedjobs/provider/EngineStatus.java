package io.cachedjobs.provider;

import io.cachedjobs.common.LowerCaseEnum;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The engine account a provider key calls, and whether it is called.
 *
 * @param account the account's name ({@code cachedjobs.engines.providers.<key>.account})
 * @param status {@code not_configured}: no API key, its executions fail with {@code
 *     engine-not-configured}; {@code paused}: its executions wait (see {@code pauseReason}); {@code
 *     working}: it is called
 * @param pauseReason {@code out-of-credit}, {@code refused-credentials}, {@code overloaded}, {@code
 *     rate-limited} or {@code daily-budget}
 * @param pauseMessage the engine's own words, where it gave some
 * @param pausedAt when it paused
 * @param pausedUntil when it is called again; null while paused: until an operator resumes it or its
 *     key changes
 */
@Schema(name = "EngineAccountStatus", description = "The engine account a provider key calls, and whether it is called")
public record EngineStatus(
        @Schema(
                description = "The account's name; null for a key no account serves",
                nullable = true,
                example = "openai")
        @Nullable
        String account,

        @Schema(example = "working") State status,

        @Schema(
                description = "Why it is paused: out-of-credit, refused-credentials, overloaded, rate-limited or "
                        + "daily-budget; null unless paused",
                nullable = true,
                example = "out-of-credit")
        @Nullable
        String pauseReason,

        @Schema(description = "The engine's own words on the pause, where it gave some", nullable = true) @Nullable
        String pauseMessage,

        @Schema(description = "When it paused", nullable = true) @Nullable
        Instant pausedAt,

        @Schema(
                description = "When it is called again; null while paused: until an operator resumes it or its key "
                        + "changes",
                nullable = true)
        @Nullable
        Instant pausedUntil) {

    public static EngineStatus notConfigured(@Nullable String account) {
        return new EngineStatus(account, State.NOT_CONFIGURED, null, null, null, null);
    }

    /** An account's state. */
    public enum State implements LowerCaseEnum {
        NOT_CONFIGURED,
        PAUSED,
        WORKING;

        @Override
        public String toString() {
            return value();
        }
    }
}
