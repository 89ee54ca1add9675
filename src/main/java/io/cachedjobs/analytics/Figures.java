package io.cachedjobs.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The figures' answers. Every ratio comes with its numerator and denominator, so that a client can
 * add rows up again; percentages are 0 to 100, rounded to two decimals, null where the denominator
 * is 0. {@code model} is set on the rows of a breakdown by model, null on the others.
 */
public final class Figures {

    private Figures() {}

    /** A 95% Wilson score interval of a proportion, in percent. */
    public record Interval(double low, double high) {}

    /** Who an entity is, on each of its rows. */
    public record EntityRef(UUID entityId, String name, boolean isOwned, boolean isPrimary, boolean isCompetitor) {}

    @Schema(description = "One entity's visibility in one bucket: presentIn of totalResponses answers name it")
    public record VisibilityPoint(
            @Schema(description = "The bucket's first day, in the time zone", example = "2026-11-23")
            LocalDate bucket,

            EntityRef entity,
            @Schema(nullable = true) @Nullable String model,

            @Schema(description = "Answers analysed for the entity in the bucket")
            long totalResponses,

            @Schema(description = "Those that name it") long presentIn,
            @Schema(nullable = true) @Nullable Double visibilityPct,
            @Schema(nullable = true) @Nullable Interval interval) {}

    public record VisibilityTimeseries(
            AnalyticsRequest.Bucket bucket,
            String timezone,
            LocalDate from,
            LocalDate to,
            List<VisibilityPoint> points) {}

    @Schema(description = "One entity's mentions over all tracked entities' mentions in the same answers")
    public record VoiceShare(
            EntityRef entity,
            @Schema(nullable = true) @Nullable String model,
            long mentionCount,

            @Schema(description = "Mentions of every entity of the project in the answers counted")
            long totalMentions,

            @Schema(nullable = true) @Nullable Double shareOfVoice,
            long presentIn,
            long totalResponses) {}

    public record ShareOfVoice(long totalMentions, List<VoiceShare> brands) {}

    @Schema(
            description =
                    "One entity's average place among the entities an answer names, where it is named (1 = first)")
    public record Ranking(
            EntityRef entity,
            @Schema(nullable = true) @Nullable String model,
            @Schema(nullable = true) @Nullable Double avgRanking,
            @Schema(description = "Sum of its places") long rankSum,
            @Schema(description = "Answers that name it") long rankCount) {}

    public record Rankings(List<Ranking> rankings) {}

    @Schema(description = "One entity's figures in one query's answers")
    public record QueryEntity(
            EntityRef entity,
            long totalResponses,
            long presentIn,
            @Schema(nullable = true) @Nullable Double visibilityPct,
            @Schema(nullable = true) @Nullable Interval interval,
            long mentionCount,
            @Schema(nullable = true) @Nullable Double avgRanking,
            long rankSum,
            long rankCount) {}

    @Schema(description = "One query's answers: how many, how many with sources, and its entities' figures")
    public record QueryStats(
            UUID queryId,
            String queryText,
            String language,
            String country,
            @Schema(nullable = true) @Nullable String model,
            @Schema(description = "Answers analysed") long resultCount,

            @Schema(description = "Those with at least one source")
            long withSources,

            @Schema(nullable = true) @Nullable Double sourcePresencePct,
            List<QueryEntity> entities) {}

    public record QueriesStats(List<QueryStats> queries) {}

    @Schema(description = "A domain's citations (sources an answer cites on it)")
    public record DomainFigure(
            @Schema(description = "Registrable domain", example = "g2.com")
            String domain,

            @Schema(nullable = true) @Nullable String model,
            long citationCount,

            @Schema(description = "Citations of every domain in the answers counted")
            long totalCitations,

            @Schema(nullable = true) @Nullable Double citationShare,

            @Schema(description = "Answers citing the domain at least once")
            long resultCount,

            @Schema(description = "Answers counted") long totalResponses,
            @Schema(nullable = true) @Nullable Double resultShare,

            @Schema(description = "The project's entities the domain belongs to")
            List<UUID> entityIds,

            @Schema(description = "One of those entities is the project's own")
            boolean isOwned) {}

    public record TopDomains(long totalResponses, long totalCitations, List<DomainFigure> sources) {}

    @Schema(description = "One page of a domain: its citations and whose page it is")
    public record UrlFigure(
            String url,
            @Schema(nullable = true) @Nullable String title,
            long citationCount,

            @Schema(description = "Citations of every page of the domain")
            long domainCitations,

            @Schema(nullable = true) @Nullable Double citationShare,
            @Schema(description = "Answers citing the page") long resultCount,

            @Schema(description = "The project's entities whose domains the page is on")
            List<UUID> entityIds,

            @Schema(description = "A page of the project's own (an owned entity's domain)")
            boolean isOwnPage) {}

    public record DomainUrls(String domain, long domainCitations, long totalUrls, List<UrlFigure> urls) {}

    @Schema(description = "An entity as one answer names it (or not)")
    public record AnswerEntity(
            EntityRef entity,
            boolean present,
            int mentionCount,
            @Schema(nullable = true) @Nullable Integer firstOffset,
            @Schema(nullable = true) @Nullable Integer rank,
            boolean cited) {}

    public record AnswerSource(
            String url,
            String domain,
            @Schema(nullable = true) @Nullable String title,
            boolean cited,
            List<UUID> entityIds) {}

    @Schema(description = "One answer of a query, with what the analysis found in it")
    public record QueryResult(
            UUID executionId,
            Instant answeredAt,
            String model,
            @Schema(nullable = true) @Nullable String text,
            @Schema(nullable = true) @Nullable String noAnswerReason,
            boolean hasSources,
            List<AnswerSource> sources,
            List<AnswerEntity> entities) {}
}
