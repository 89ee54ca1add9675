package io.cachedjobs.analytics;

import io.cachedjobs.analytics.Figures.AnswerEntity;
import io.cachedjobs.analytics.Figures.AnswerSource;
import io.cachedjobs.analytics.Figures.DomainFigure;
import io.cachedjobs.analytics.Figures.DomainUrls;
import io.cachedjobs.analytics.Figures.EntityRef;
import io.cachedjobs.analytics.Figures.Interval;
import io.cachedjobs.analytics.Figures.QueryEntity;
import io.cachedjobs.analytics.Figures.QueryResult;
import io.cachedjobs.analytics.Figures.QueryStats;
import io.cachedjobs.analytics.Figures.Ranking;
import io.cachedjobs.analytics.Figures.UrlFigure;
import io.cachedjobs.analytics.Figures.VisibilityPoint;
import io.cachedjobs.analytics.Figures.VoiceShare;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.tenancy.ProjectScope;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures brands watch, computed from the rows the extraction derived ({@code answer_analyses},
 * {@code answer_entities}, {@code answer_sources}; docs/analytics.md gives each definition). Each
 * is one aggregate over one of those tables, filtered by {@link AnswerSelection}; with a breakdown
 * by model, the same statement groups by {@code GROUPING SETS} and answers the overall rows
 * ({@code model} null) beside each model's. Intervals are 95% Wilson score intervals (Apache
 * Commons Statistics).
 */
@Service
@Transactional(readOnly = true)
public class AnalyticsService {

    /** The error rate of the intervals: 95% confidence. */
    private static final double ALPHA = 0.05;

    private final JdbcClient jdbc;
    private final Clock clock;

    AnalyticsService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An entity of the project, with its domains. */
    private record Tracked(EntityRef ref, List<String> domains) {}

    /** Per bucket and entity: the share of the answers analysed for it that name it. */
    public Figures.VisibilityTimeseries visibility(ProjectScope scope, AnalyticsRequest request) {
        AnswerSelection selection = selection(scope, request, false);
        Map<UUID, Tracked> entities = entities(scope);
        List<UUID> shown = shown(selection, entities);
        AnalyticsRequest.Bucket bucket = request.bucket() == null ? AnalyticsRequest.Bucket.DAY : request.bucket();
        String sql = """
                SELECT b.bucket, b.entity_id, %s AS model, count(*) AS total, count(*) FILTER (WHERE b.present) AS present_in
                FROM (SELECT date_trunc(:unit, e.answered_at AT TIME ZONE :zone)::date AS bucket, e.entity_id, e.model,
                          e.present
                      FROM answer_entities e
                      WHERE %s AND e.entity_id IN (:entities)) b
                GROUP BY %s
                ORDER BY 1, 2, 3 NULLS FIRST""".formatted(
                        modelColumn(selection, "b"),
                        selection.where("e", false),
                        groups(selection, "b", "b.bucket", "b.entity_id"));
        List<VisibilityPoint> points = selection
                .bind(jdbc.sql(sql))
                .param("unit", bucket.value())
                .param("entities", shown)
                .query((row, n) -> {
                    long total = row.getLong("total");
                    long present = row.getLong("present_in");
                    return new VisibilityPoint(
                            row.getObject("bucket", LocalDate.class),
                            entities.get(row.getObject("entity_id", UUID.class)).ref(),
                            row.getString("model"),
                            total,
                            present,
                            pct(present, total),
                            interval(present, total));
                })
                .list();
        return new Figures.VisibilityTimeseries(
                bucket, selection.zone().getId(), selection.from(), selection.to(), points);
    }

    /** Per entity: its mentions over every entity's mentions in the answers counted. */
    public Figures.ShareOfVoice shareOfVoice(ProjectScope scope, AnalyticsRequest request) {
        AnswerSelection selection = selection(scope, request, true);
        Map<UUID, Tracked> entities = entities(scope);
        List<EntityRow> rows = entityRows(selection, entities, false, null);
        Map<String, Long> totals = new HashMap<>();
        for (EntityRow row : rows) {
            totals.merge(key(row.model()), row.mentions(), Long::sum);
        }
        List<UUID> shown = shown(selection, entities);
        List<VoiceShare> brands = rows.stream()
                .filter(row -> shown.contains(row.entity()))
                .map(row -> {
                    long total = totals.get(key(row.model()));
                    return new VoiceShare(
                            entities.get(row.entity()).ref(),
                            row.model(),
                            row.mentions(),
                            total,
                            pct(row.mentions(), total),
                            row.present(),
                            row.total());
                })
                .sorted((a, b) -> Objects.equals(a.model(), b.model())
                        ? Long.compare(b.mentionCount(), a.mentionCount())
                        : key(a.model()).compareTo(key(b.model())))
                .toList();
        return new Figures.ShareOfVoice(totals.getOrDefault(key(null), 0L), brands);
    }

    /** Per entity: its average place among the entities an answer names, over the answers naming it. */
    public Figures.Rankings rankings(ProjectScope scope, AnalyticsRequest request) {
        AnswerSelection selection = selection(scope, request, true);
        Map<UUID, Tracked> entities = entities(scope);
        List<UUID> shown = shown(selection, entities);
        List<Ranking> rankings = entityRows(selection, entities, false, null).stream()
                .filter(row -> shown.contains(row.entity()))
                .map(row -> new Ranking(
                        entities.get(row.entity()).ref(), row.model(), row.avgRanking(), row.rankSum(), row.present()))
                .toList();
        return new Figures.Rankings(rankings);
    }

    /**
     * One entity's sums over the answers counted: a model's, or all of them where model is null;
     * one query's where query is set.
     */
    private record EntityRow(
            @Nullable UUID query,
            UUID entity,
            @Nullable String model,
            long total,
            long present,
            long mentions,
            long rankSum) {

        @Nullable
        Double avgRanking() {
            return present == 0 ? null : round((double) rankSum / present);
        }
    }

    /**
     * The entities' sums over the answers {@code selection} keeps, per entity (and model where
     * broken down), and per query too when {@code perQuery}; only the entities {@code only} names
     * when it is not null.
     */
    private List<EntityRow> entityRows(
            AnswerSelection selection, Map<UUID, Tracked> entities, boolean perQuery, @Nullable List<UUID> only) {
        String sql = """
                SELECT %s AS query_id, e.entity_id, %s AS model, count(*) AS total,
                    count(*) FILTER (WHERE e.present) AS present_in, coalesce(sum(e.mention_count), 0) AS mentions,
                    coalesce(sum(e.rank) FILTER (WHERE e.present), 0) AS rank_sum
                FROM answer_entities e
                WHERE %s%s
                GROUP BY %s
                ORDER BY 3 NULLS FIRST, 2""".formatted(
                perQuery ? "e.query_id" : "NULL::uuid",
                modelColumn(selection, "e"),
                selection.where("e", false),
                only == null ? "" : " AND e.entity_id IN (:entities)",
                perQuery ? groups(selection, "e", "e.query_id", "e.entity_id") : groups(selection, "e", "e.entity_id"));
        JdbcClient.StatementSpec statement = selection.bind(jdbc.sql(sql));
        if (only != null) {
            statement = statement.param("entities", only);
        }
        return statement
                .query((row, n) -> new EntityRow(
                        row.getObject("query_id", UUID.class),
                        row.getObject("entity_id", UUID.class),
                        row.getString("model"),
                        row.getLong("total"),
                        row.getLong("present_in"),
                        row.getLong("mentions"),
                        row.getLong("rank_sum")))
                .list()
                .stream()
                .filter(row -> entities.containsKey(row.entity()))
                .toList();
    }

    /**
     * Per query: its answers, those with sources, and the figures of the entities asked for (the
     * project's primary brand when none is).
     */
    public Figures.QueriesStats queries(ProjectScope scope, AnalyticsRequest request) {
        AnswerSelection selection = selection(scope, request, true);
        Map<UUID, Tracked> entities = entities(scope);
        List<UUID> focus = selection.entityIds() != null
                ? selection.entityIds()
                : entities.values().stream()
                        .filter(e -> e.ref().isPrimary())
                        .map(e -> e.ref().entityId())
                        .toList();
        String answersSql = """
                SELECT a.query_id, %s AS model, count(*) AS answers, count(*) FILTER (WHERE a.source_count > 0) AS sourced,
                    q.query_text, q.language, q.country
                FROM answer_analyses a JOIN queries q ON q.id = a.query_id
                WHERE %s
                GROUP BY %s
                ORDER BY count(*) DESC, a.query_id, 2 NULLS FIRST""".formatted(
                        modelColumn(selection, "a"),
                        selection.where("a", true),
                        groups(selection, "a", "a.query_id", "q.query_text", "q.language", "q.country"));
        record Answers(
                UUID query,
                @Nullable String model,
                long answers,
                long sourced,
                String text,
                String language,
                String country) {}
        List<Answers> answers = selection
                .bind(jdbc.sql(answersSql))
                .query((row, n) -> new Answers(
                        row.getObject("query_id", UUID.class),
                        row.getString("model"),
                        row.getLong("answers"),
                        row.getLong("sourced"),
                        row.getString("query_text"),
                        row.getString("language"),
                        row.getString("country")))
                .list();
        Map<String, List<QueryEntity>> byQuery = new HashMap<>();
        if (!focus.isEmpty() && !answers.isEmpty()) {
            for (EntityRow row : entityRows(selection, entities, true, focus)) {
                byQuery.computeIfAbsent(row.query() + "/" + key(row.model()), k -> new ArrayList<>())
                        .add(new QueryEntity(
                                entities.get(row.entity()).ref(),
                                row.total(),
                                row.present(),
                                pct(row.present(), row.total()),
                                interval(row.present(), row.total()),
                                row.mentions(),
                                row.avgRanking(),
                                row.rankSum(),
                                row.present()));
            }
        }
        List<QueryStats> stats = answers.stream()
                .map(a -> new QueryStats(
                        a.query(),
                        a.text(),
                        a.language(),
                        a.country(),
                        a.model(),
                        a.answers(),
                        a.sourced(),
                        pct(a.sourced(), a.answers()),
                        byQuery.getOrDefault(a.query() + "/" + key(a.model()), List.of())))
                .toList();
        return new Figures.QueriesStats(stats);
    }

    /** The domains the answers cite most, with their share of citations and of answers. */
    public Figures.TopDomains topDomains(ProjectScope scope, AnalyticsRequest request) {
        AnswerSelection selection = selection(scope, request, true);
        Map<UUID, Tracked> entities = entities(scope);
        int size = request.size() == null ? 15 : request.size();
        Map<String, Long> responses = responses(selection);
        String sql = """
                WITH d AS (
                    SELECT s.domain, %s AS model, count(*) FILTER (WHERE s.cited) AS citations,
                        count(DISTINCT s.execution_id) FILTER (WHERE s.cited) AS answers
                    FROM answer_sources s
                    WHERE %s
                    GROUP BY %s),
                ranked AS (
                    SELECT d.*, sum(d.citations) OVER (PARTITION BY d.model) AS total_citations,
                        row_number() OVER (PARTITION BY d.model ORDER BY d.citations DESC, d.domain) AS place
                    FROM d)
                SELECT * FROM ranked WHERE place <= :size AND citations > 0 ORDER BY model NULLS FIRST, place""".formatted(
                        modelColumn(selection, "s"), selection.where("s", false), groups(selection, "s", "s.domain"));
        Map<String, Long> citations = new HashMap<>();
        List<DomainFigure> sources = selection
                .bind(jdbc.sql(sql))
                .param("size", size)
                .query((row, n) -> {
                    String domain = row.getString("domain");
                    String model = row.getString("model");
                    long cited = row.getLong("citations");
                    long total = row.getLong("total_citations");
                    citations.put(key(model), total);
                    long answers = row.getLong("answers");
                    long counted = responses.getOrDefault(key(model), 0L);
                    List<Tracked> owners = owners(entities, domain);
                    return new DomainFigure(
                            domain,
                            model,
                            cited,
                            total,
                            pct(cited, total),
                            answers,
                            counted,
                            pct(answers, counted),
                            owners.stream().map(t -> t.ref().entityId()).toList(),
                            owners.stream().anyMatch(t -> t.ref().isOwned()));
                })
                .list();
        return new Figures.TopDomains(
                responses.getOrDefault(key(null), 0L), citations.getOrDefault(key(null), 0L), sources);
    }

    /** One domain's pages, most cited first, and whose pages they are. */
    public DomainUrls domainUrls(ProjectScope scope, String domain, AnalyticsRequest request, PageParams page) {
        AnswerSelection selection = selection(scope, request, false);
        Map<UUID, Tracked> entities = entities(scope);
        String name = domain.toLowerCase(Locale.ROOT);
        String sql = """
                WITH u AS (
                    SELECT s.url, max(s.title) AS title, count(*) FILTER (WHERE s.cited) AS citations,
                        count(DISTINCT s.execution_id) FILTER (WHERE s.cited) AS answers,
                        max(s.entity_ids) AS entity_ids
                    FROM answer_sources s
                    WHERE %s AND s.domain = :domain
                    GROUP BY s.url)
                SELECT u.*, sum(u.citations) OVER () AS domain_citations, count(*) OVER () AS total_urls
                FROM u ORDER BY u.citations DESC, u.url LIMIT :limit OFFSET :offset""".formatted(selection.where("s", false));
        long[] totals = {0, 0};
        List<UrlFigure> urls = selection
                .bind(jdbc.sql(sql))
                .param("domain", name)
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query((row, n) -> {
                    long cited = row.getLong("citations");
                    totals[0] = row.getLong("domain_citations");
                    totals[1] = row.getLong("total_urls");
                    List<UUID> owners = uuids(row.getArray("entity_ids")).stream()
                            .filter(entities::containsKey)
                            .toList();
                    return new UrlFigure(
                            row.getString("url"),
                            row.getString("title"),
                            cited,
                            totals[0],
                            pct(cited, totals[0]),
                            row.getLong("answers"),
                            owners,
                            owners.stream()
                                    .anyMatch(id -> entities.get(id).ref().isOwned()));
                })
                .list();
        return new DomainUrls(name, totals[0], totals[1], urls);
    }

    /** One query's answers, newest first, with their entities and sources. */
    public PageResponse<QueryResult> queryResults(
            ProjectScope scope, UUID queryId, AnalyticsRequest request, PageParams page) {
        AnswerSelection selection = selection(scope, request, false);
        boolean known = jdbc.sql("SELECT count(*) FROM queries WHERE id = :id AND project_id = :project")
                        .param("id", queryId)
                        .param("project", scope.projectId())
                        .query(Long.class)
                        .single()
                > 0;
        if (!known) {
            throw NotFoundException.of("Query", queryId);
        }
        Map<UUID, Tracked> entities = entities(scope);
        String where = selection.where("a", true) + " AND a.query_id = :query";
        long total = selection
                .bind(jdbc.sql("SELECT count(*) FROM answer_analyses a WHERE " + where))
                .param("query", queryId)
                .query(Long.class)
                .single();
        record Answer(
                UUID id,
                Instant at,
                String model,
                @Nullable String text,
                @Nullable String reason,
                int sources) {}
        List<Answer> answers = selection
                .bind(jdbc.sql("""
                        SELECT a.execution_id, a.answered_at, a.model, x.answer, x.no_answer_reason, a.source_count
                        FROM answer_analyses a JOIN job_executions x ON x.id = a.execution_id
                        WHERE %s
                        ORDER BY a.answered_at DESC, a.execution_id DESC LIMIT :limit OFFSET :offset""".formatted(where)))
                .param("query", queryId)
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query((row, n) -> new Answer(
                        row.getObject("execution_id", UUID.class),
                        row.getTimestamp("answered_at").toInstant(),
                        row.getString("model"),
                        row.getString("answer"),
                        row.getString("no_answer_reason"),
                        row.getInt("source_count")))
                .list();
        Derived derived = derived(answers.stream().map(Answer::id).toList(), entities);
        List<QueryResult> results = answers.stream()
                .map(a -> new QueryResult(
                        a.id(),
                        a.at(),
                        a.model(),
                        a.text(),
                        a.reason(),
                        a.sources() > 0,
                        derived.sources().getOrDefault(a.id(), List.of()),
                        derived.entities().getOrDefault(a.id(), List.of())))
                .toList();
        return PageResponse.of(results, total, page);
    }

    /** What the analysis derived from some answers: their entities' rows and their sources, by execution. */
    private record Derived(Map<UUID, List<AnswerEntity>> entities, Map<UUID, List<AnswerSource>> sources) {}

    private Derived derived(List<UUID> ids, Map<UUID, Tracked> entities) {
        Map<UUID, List<AnswerEntity>> found = new HashMap<>();
        Map<UUID, List<AnswerSource>> sources = new HashMap<>();
        if (ids.isEmpty()) {
            return new Derived(found, sources);
        }
        jdbc.sql("""
                        SELECT execution_id, entity_id, present, mention_count, first_offset, rank, cited
                        FROM answer_entities WHERE execution_id IN (:ids)
                        ORDER BY execution_id, present DESC, rank, entity_id""").param("ids", ids).query((ResultSet row) -> {
            Tracked entity = entities.get(row.getObject("entity_id", UUID.class));
            if (entity != null) {
                found.computeIfAbsent(row.getObject("execution_id", UUID.class), k -> new ArrayList<>())
                        .add(new AnswerEntity(
                                entity.ref(),
                                row.getBoolean("present"),
                                row.getInt("mention_count"),
                                row.getObject("first_offset", Integer.class),
                                row.getObject("rank", Integer.class),
                                row.getBoolean("cited")));
            }
        });
        jdbc.sql("""
                        SELECT execution_id, url, domain, title, cited, entity_ids FROM answer_sources
                        WHERE execution_id IN (:ids) ORDER BY execution_id, position""").param("ids", ids).query((ResultSet row) -> {
            sources.computeIfAbsent(row.getObject("execution_id", UUID.class), k -> new ArrayList<>())
                    .add(new AnswerSource(
                            row.getString("url"),
                            row.getString("domain"),
                            row.getString("title"),
                            row.getBoolean("cited"),
                            uuids(row.getArray("entity_ids")).stream()
                                    .filter(entities::containsKey)
                                    .toList()));
        });
        return new Derived(found, sources);
    }

    // ---------------------------------------------------------------- export

    /** Answers read per statement while an export streams. */
    private static final int EXPORT_BATCH = 500;

    /** How long an answer waits before it is exported: longer than any recording's transaction. */
    static final Duration EXPORT_SETTLE = Duration.ofMinutes(1);

    /**
     * An export, checked and ready to stream: {@link Export#forEach} reads the answers in order of
     * {@code answered_at} then execution id, {@value #EXPORT_BATCH} per statement, so that memory
     * does not grow with the export. Answers of the last {@link #EXPORT_SETTLE} are left for a
     * later call: one still being recorded could otherwise commit behind a cursor already given.
     *
     * @throws InvalidRequestException naming the filter or {@code cursor} that is wrong, before
     *     anything is streamed
     */
    public Export export(ProjectScope scope, ExportRequest request) {
        AnalyticsRequest filters = request.filters() == null ? AnalyticsRequest.NONE : request.filters();
        AnswerSelection selection = selection(scope, filters, true);
        ExportCursor after = request.cursor() == null ? ExportCursor.START : ExportCursor.parse(request.cursor());
        int limit = request.limit() == null ? 10_000 : request.limit();
        return new Export(selection, after, limit, clock.instant().minus(EXPORT_SETTLE));
    }

    /** A checked export; see {@link #export}. */
    public final class Export {
        private final AnswerSelection selection;
        private final ExportCursor start;
        private final int limit;
        private final Instant settled;

        private Export(AnswerSelection selection, ExportCursor start, int limit, Instant settled) {
            this.selection = selection;
            this.start = start;
            this.limit = limit;
            this.settled = settled;
        }

        /** Hands each answer to {@code line}, in order, up to the limit. */
        public void forEach(Consumer<ExportLine> line) {
            Map<UUID, Tracked> entities = entities(selection.scope());
            ExportCursor after = start;
            int sent = 0;
            while (sent < limit) {
                int size = Math.min(EXPORT_BATCH, limit - sent);
                List<ExportLine> batch = batch(entities, after, size);
                batch.forEach(line);
                sent += batch.size();
                if (batch.size() < size) {
                    return;
                }
                ExportLine last = batch.get(batch.size() - 1);
                after = new ExportCursor(last.answeredAt(), last.executionId());
            }
        }

        private List<ExportLine> batch(Map<UUID, Tracked> entities, ExportCursor after, int size) {
            record Row(
                    UUID id,
                    Instant at,
                    String model,
                    String language,
                    String country,
                    UUID query,
                    UUID job,
                    String queryText,
                    @Nullable String text,
                    @Nullable String reason,
                    long entitiesVersion,
                    int algorithmVersion) {}
            List<Row> rows = selection
                    .bind(jdbc.sql("""
                            SELECT a.execution_id, a.answered_at, a.model, a.language, a.country, a.query_id,
                                a.entities_version, a.algorithm_version, x.cached_job_id, x.query_text, x.answer,
                                x.no_answer_reason
                            FROM answer_analyses a JOIN job_executions x ON x.id = a.execution_id
                            WHERE %s AND a.answered_at < :settled AND (a.answered_at, a.execution_id) > (:afterAt, :afterId)
                            ORDER BY a.answered_at, a.execution_id LIMIT :size""".formatted(selection.where("a", true))))
                    .param("settled", Timestamp.from(settled))
                    .param("afterAt", Timestamp.from(after.answeredAt()))
                    .param("afterId", after.executionId())
                    .param("size", size)
                    .query((row, n) -> new Row(
                            row.getObject("execution_id", UUID.class),
                            row.getTimestamp("answered_at").toInstant(),
                            row.getString("model"),
                            row.getString("language"),
                            row.getString("country"),
                            row.getObject("query_id", UUID.class),
                            row.getObject("cached_job_id", UUID.class),
                            row.getString("query_text"),
                            row.getString("answer"),
                            row.getString("no_answer_reason"),
                            row.getLong("entities_version"),
                            row.getInt("algorithm_version")))
                    .list();
            Derived derived = derived(rows.stream().map(Row::id).toList(), entities);
            return rows.stream()
                    .map(r -> new ExportLine(
                            new ExportCursor(r.at(), r.id()).toString(),
                            r.id(),
                            r.job(),
                            r.query(),
                            r.queryText(),
                            r.language(),
                            r.country(),
                            r.model(),
                            r.at(),
                            r.text(),
                            r.reason(),
                            derived.sources().getOrDefault(r.id(), List.of()),
                            derived.entities().getOrDefault(r.id(), List.of()),
                            r.entitiesVersion(),
                            r.algorithmVersion()))
                    .toList();
        }
    }

    // ---------------------------------------------------------------- shared pieces

    private AnswerSelection selection(ProjectScope scope, AnalyticsRequest request, boolean bucketless) {
        if (request.bucket() != null && bucketless) {
            throw InvalidRequestException.of("bucket", "is read by visibility/timeseries only");
        }
        return AnswerSelection.of(scope, request, clock.instant());
    }

    /** The project's entities by id, in the order they were made. */
    private Map<UUID, Tracked> entities(ProjectScope scope) {
        Map<UUID, Tracked> entities = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT id, name, is_owned, is_primary, is_competitor, domains FROM entities
                        WHERE project_id = :project ORDER BY created_at, id""").param("project", scope.projectId()).query((ResultSet row) -> {
            UUID id = row.getObject("id", UUID.class);
            entities.put(
                    id,
                    new Tracked(
                            new EntityRef(
                                    id,
                                    row.getString("name"),
                                    row.getBoolean("is_owned"),
                                    row.getBoolean("is_primary"),
                                    row.getBoolean("is_competitor")),
                            strings(row.getArray("domains"))));
        });
        return entities;
    }

    /**
     * The entities a figure shows: those asked for, else all.
     *
     * @throws InvalidRequestException naming {@code entityIds[i]} that is no entity of the project
     */
    private static List<UUID> shown(AnswerSelection selection, Map<UUID, Tracked> entities) {
        if (selection.entityIds() == null) {
            return List.copyOf(entities.keySet());
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < selection.entityIds().size(); i++) {
            if (!entities.containsKey(selection.entityIds().get(i))) {
                problems.add(new FieldProblem("entityIds[" + i + "]", "is no entity of the project"));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        return selection.entityIds();
    }

    /** Answers counted, overall (key of null) and per model where broken down. */
    private Map<String, Long> responses(AnswerSelection selection) {
        Map<String, Long> counts = new HashMap<>();
        selection
                .bind(jdbc.sql("SELECT %s AS model, count(*) AS answers FROM answer_analyses a WHERE %s GROUP BY %s"
                        .formatted(modelColumn(selection, "a"), selection.where("a", true), groups(selection, "a"))))
                .query((ResultSet row) -> {
                    counts.put(key(row.getString("model")), row.getLong("answers"));
                });
        return counts;
    }

    private static List<Tracked> owners(Map<UUID, Tracked> entities, String domain) {
        return entities.values().stream()
                .filter(t -> t.domains().contains(domain))
                .toList();
    }

    private static String modelColumn(AnswerSelection selection, String alias) {
        return selection.byModel() ? alias + ".model" : "NULL::text";
    }

    /** The GROUP BY of {@code columns}: with a breakdown, once without the model and once with it. */
    private static String groups(AnswerSelection selection, String alias, String... columns) {
        String base = String.join(", ", columns);
        if (!selection.byModel()) {
            return base.isEmpty() ? "()" : base;
        }
        String withModel = base.isEmpty() ? alias + ".model" : base + ", " + alias + ".model";
        return "GROUPING SETS ((" + base + "), (" + withModel + "))";
    }

    private static String key(@Nullable String model) {
        return model == null ? "" : model;
    }

    static @Nullable Double pct(long part, long whole) {
        return whole == 0 ? null : round(100.0 * part / whole);
    }

    static @Nullable Interval interval(long present, long total) {
        if (total == 0 || total > Integer.MAX_VALUE) {
            return null;
        }
        org.apache.commons.statistics.interval.Interval wilson =
                BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate((int) total, (int) present, ALPHA);
        return new Interval(round(100 * wilson.getLowerBound()), round(100 * wilson.getUpperBound()));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static List<UUID> uuids(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }
}
