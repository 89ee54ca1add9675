package io.cachedjobs.execution;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "JobExecution", description = "One ask of a cached job's query to one engine (one model, one run)")
public record JobExecutionResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60")
        UUID id,

        @Schema(
                description = "The cached job it belongs to",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID cachedJob,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d")
        UUID queryId,

        @Schema(description = "The question asked", requiredMode = Schema.RequiredMode.REQUIRED, example = "best crm")
        String query,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "en")
        String language,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "US")
        String country,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "claude-haiku-4-5")
        String model,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "anthropic")
        String providerKey,

        @Schema(
                description = "Its run number within the job, 1 to executionCount",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "1")
        int executionNumber,

        @Schema(description = "Times it was sent", requiredMode = Schema.RequiredMode.REQUIRED, example = "1")
        int attempt,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "success")
        JobExecutionStatus status,

        @Schema(
                description = "The engine's answer (Markdown); null before it answers, or when it gave none",
                nullable = true,
                example = "The best CRMs for small businesses are HubSpot, Pipedrive and Zoho CRM.")
        String answer,

        @Schema(
                description = "Why there is no answer, or no whole one: no-ai-overview, blocked, incomplete, empty; a "
                        + "valid observation, not a failure",
                nullable = true,
                example = "null")
        String noAnswerReason,

        @Schema(
                description =
                        "The pages the answer cites, then those the engine only consulted; empty before it answers",
                requiredMode = Schema.RequiredMode.REQUIRED)
        List<Source> sources,

        @Schema(description = "The searches the engine ran", requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> searchQueries,

        @Schema(description = "Tokens and searches: zeros until it answers")
        Usage usage,

        @Schema(
                description = "What it cost in millionths of a US dollar: the engine's own figure where it states one, "
                        + "else from the price table of its model on the day it answered (docs/runner.md, Cost); null "
                        + "when neither knows (no answer, no price)",
                nullable = true,
                example = "5033")
        Long costMicros,

        @Schema(description = "The engine's time to answer, in milliseconds", nullable = true, example = "8421")
        Integer latencyMs,

        @Schema(description = "What went wrong, when it failed or waits for a retry: its fields are null otherwise")
        Error error,

        @Schema(
                description = "Calls whose answer was lost (a worker stopped mid-call, a time-out): the engine may "
                        + "have billed them",
                requiredMode = Schema.RequiredMode.REQUIRED,
                example = "0")
        int possiblyBilledCalls,

        @Schema(nullable = true, example = "2026-11-29T10:00:01.000Z")
        Instant startedAt,

        @Schema(nullable = true, example = "2026-11-29T10:00:09.000Z")
        Instant finishedAt,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-11-29T10:00:00.000Z")
        Instant createdAt,

        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-11-29T10:00:09.000Z")
        Instant updatedAt) {

    @Schema(name = "JobExecutionSource", description = "A page an answer rests on")
    public record Source(
            @Schema(
                    description = "Its address, without tracking parameters or fragment",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "https://www.hubspot.com/products/crm")
            String url,

            @Schema(
                    description = "Its host, without www.",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "hubspot.com")
            String domain,

            @Schema(nullable = true, example = "Free CRM | HubSpot")
            String title,

            @Schema(
                    description = "The engine's own redirect link to it, when it gives one (Gemini)",
                    nullable = true,
                    example = "null")
            String redirectUrl,

            @Schema(
                    description = "Cited in the answer's text; false for a page the engine only consulted",
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "true")
            boolean cited) {}

    @Schema(name = "JobExecutionUsage", description = "What the call used, as the engine reported it")
    public record Usage(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "9120")
            long inputTokens,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0")
            long cachedInputTokens,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "412")
            long outputTokens,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0")
            long reasoningTokens,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2")
            int searchCalls) {

        static final Usage NONE = new Usage(0, 0, 0, 0, 0);
    }

    @Schema(name = "JobExecutionError", description = "What went wrong; null fields when nothing did")
    public record Error(
            @Schema(
                    description = "engine-not-configured, rate-limited, out-of-credit, overloaded, server-error, "
                            + "timeout, bad-request, refused-credentials, internal-error",
                    nullable = true,
                    example = "rate-limited")
            String type,

            @Schema(description = "The engine's own message, short", nullable = true, example = "slow down")
            String message) {

        static final Error NONE = new Error(null, null);
    }
}
