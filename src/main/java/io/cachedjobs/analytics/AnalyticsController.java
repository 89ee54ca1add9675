package io.cachedjobs.analytics;

import io.cachedjobs.api.PageLimit;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.tenancy.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.UUID;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/analytics")
@Tag(name = AnalyticsController.TAG, description = AnalyticsController.TAG_DESCRIPTION)
class AnalyticsController {

    static final String TAG = "Analytics";
    static final String TAG_DESCRIPTION =
            "The figures brands watch, from the project's analysed answers; definitions in docs/analytics.md";

    private static final String FILTERS = " Filters in the body, all optional (by default the last 30 days in UTC); "
            + "failed executions are in no denominator; `breakdown: model` adds each model's rows (`model` set) to "
            + "the overall ones.";

    private final AnalyticsService analytics;

    AnalyticsController(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @PostMapping("/visibility/timeseries")
    @Access(Right.VIEWER)
    @Operation(
            summary = "Visibility per time bucket and entity",
            description = "Per bucket (`bucket`: day, week from Monday, month; in `timezone`) and entity: the answers "
                    + "analysed for it (`totalResponses`), those naming it (`presentIn`), `visibilityPct` and its 95% "
                    + "Wilson `interval`. Buckets without answers are left out." + FILTERS)
    Figures.VisibilityTimeseries visibility(
            ProjectScope scope, @Valid @RequestBody(required = false) AnalyticsRequest body) {
        return analytics.visibility(scope, orNone(body));
    }

    @PostMapping("/visibility/share-of-voice")
    @Access(Right.VIEWER)
    @Operation(
            summary = "Share of voice per entity",
            description = "Each entity's `mentionCount` over `totalMentions`, the mentions of all the project's "
                    + "entities in the same answers (`entityIds` only narrows the rows shown)." + FILTERS)
    Figures.ShareOfVoice shareOfVoice(ProjectScope scope, @Valid @RequestBody(required = false) AnalyticsRequest body) {
        return analytics.shareOfVoice(scope, orNone(body));
    }

    @PostMapping("/rankings")
    @Access(Right.VIEWER)
    @Operation(
            summary = "Average rank per entity",
            description = "Each entity's average place among the project's entities an answer names, in order of "
                    + "first mention (1 = named first), over the answers naming it: `rankSum / rankCount`." + FILTERS)
    Figures.Rankings rankings(ProjectScope scope, @Valid @RequestBody(required = false) AnalyticsRequest body) {
        return analytics.rankings(scope, orNone(body));
    }

    @PostMapping("/queries/stats")
    @Access(Right.VIEWER)
    @Operation(
            summary = "Per-query statistics",
            description = "Per query: its answers (`resultCount`), those with sources (`sourcePresencePct`), and the "
                    + "visibility, interval, mentions and average rank of the entities in `entityIds` (by default the "
                    + "project's primary brand)." + FILTERS)
    Figures.QueriesStats queries(ProjectScope scope, @Valid @RequestBody(required = false) AnalyticsRequest body) {
        return analytics.queries(scope, orNone(body));
    }

    @PostMapping("/sources/top-domains")
    @Access(Right.VIEWER)
    @Operation(
            summary = "The domains the answers cite most",
            description = "The `size` (1 to 100, default 15) registrable domains with most citations (sources an "
                    + "answer cites): `citationShare` of all citations, `resultShare` of the answers citing the "
                    + "domain, and the project's entities the domain belongs to." + FILTERS)
    Figures.TopDomains topDomains(ProjectScope scope, @Valid @RequestBody(required = false) AnalyticsRequest body) {
        return analytics.topDomains(scope, orNone(body));
    }

    @PostMapping("/sources/domains/{domain}/urls")
    @Access(Right.VIEWER)
    @Operation(
            summary = "A domain's pages",
            description = "The pages of one registrable domain the answers list, most cited first (`?limit=` up to "
                    + "500, `&page=`): citations, their share of the domain's, answers citing each page, and which are "
                    + "the project's own (on an owned entity's domain)." + FILTERS)
    Figures.DomainUrls domainUrls(
            ProjectScope scope,
            @PathVariable
                    @Pattern(
                            regexp = "[A-Za-z0-9.-]{1,253}",
                            message = "must be a domain, as top-domains answers it, e.g. g2.com")
                    String domain,
            @PageLimit(max = 500) PageParams page,
            @Valid @RequestBody(required = false) AnalyticsRequest body) {
        return analytics.domainUrls(scope, domain, orNone(body), page);
    }

    @PostMapping("/queries/{queryId}/results")
    @Access(Right.VIEWER)
    @Operation(
            summary = "One query's answers, with what the analysis found",
            description = "The query's analysed answers, newest first (`?limit=` up to 100, `&page=`), each with its "
                    + "text, its sources (normalised, with the entities whose domains they are on) and every entity "
                    + "of the project, found or not. A query of another project is a 404." + FILTERS)
    PageResponse<Figures.QueryResult> queryResults(
            ProjectScope scope,
            @PathVariable UUID queryId,
            @PageLimit(max = 100) PageParams page,
            @Valid @RequestBody(required = false) AnalyticsRequest body) {
        return analytics.queryResults(scope, queryId, orNone(body), page);
    }

    private static AnalyticsRequest orNone(AnalyticsRequest body) {
        return body == null ? AnalyticsRequest.NONE : body;
    }
}
