package io.cachedjobs.analysis;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The derived rows' reads and writes, in plain SQL: a project's entities as the extraction looks for
 * them, and an answer's rows in {@code answer_analyses}, {@code answer_entities} and {@code
 * answer_sources}, replaced whole each time the answer is derived.
 */
@Component
class AnswerRows {

    /** A project's entities at one version of them. */
    record EntitySet(long version, List<TrackedEntity> entities) {}

    /** An execution as the extraction reads it. */
    private record Answer(
            UUID id,
            UUID organisationId,
            UUID projectId,
            UUID queryId,
            String model,
            String language,
            String country,
            Instant answeredAt,
            @Nullable String text,
            List<Extraction.AnswerSource> sources) {}

    private static final String BEHIND = "(algorithm_version < :algorithm OR entities_version < :version)";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    AnswerRows(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /**
     * The project's entities and their version (0 when it has none yet), its entity_sets row share
     * locked until the commit: an entity change waits for the rows derived with this version to be
     * written, so they are behind its new version when it commits, never after.
     */
    EntitySet setOf(UUID projectId) {
        long version = jdbc.sql("SELECT version FROM entity_sets WHERE project_id = :project FOR SHARE")
                .param("project", projectId)
                .query(Long.class)
                .optional()
                .orElse(0L);
        return new EntitySet(version, entitiesOf(projectId));
    }

    /**
     * The project's entities, read in a statement of their own after the set's lock is held: under
     * READ COMMITTED it sees the entity change the lock waited for, if any.
     */
    private List<TrackedEntity> entitiesOf(UUID projectId) {
        return jdbc.sql("""
                        SELECT id, name, aliases, domains, case_sensitive, accent_sensitive FROM entities
                        WHERE project_id = :project ORDER BY created_at, id""")
                .param("project", projectId)
                .query((row, index) -> {
                    List<String> names = new ArrayList<>();
                    names.add(row.getString("name"));
                    names.addAll(strings(row.getArray("aliases")));
                    return new TrackedEntity(
                            row.getObject("id", UUID.class),
                            names,
                            strings(row.getArray("domains")),
                            row.getBoolean("case_sensitive"),
                            row.getBoolean("accent_sensitive"));
                })
                .list();
    }

    /**
     * Derives the rows of a successful execution just recorded (it has none yet) in three statements:
     * the execution read with its project's entity set share-locked (see {@link #setOf}), the
     * entities, and one write of its three tables.
     *
     * @return false when the execution is not a success (nothing written)
     */
    boolean deriveRecorded(UUID executionId, Instant now) {
        Optional<Answered> found = jdbc.sql("""
                        SELECT e.id, e.organisation_id, e.project_id, e.query_id, e.model, e.language, e.country,
                            coalesce(e.finished_at, e.updated_at) AS answered_at, e.answer, e.sources,
                            (SELECT s.version FROM entity_sets s WHERE s.project_id = e.project_id FOR SHARE) AS version
                        FROM job_executions e WHERE e.id = :id AND e.status = 'success'""")
                .param("id", executionId)
                .query((row, index) -> {
                    long version = row.getLong("version");
                    return new Answered(answer(row), row.wasNull() ? 0L : version);
                })
                .optional();
        if (found.isEmpty()) {
            return false;
        }
        Answer answer = found.get().answer();
        long version = found.get().version();
        List<TrackedEntity> entities = entitiesOf(answer.projectId());
        Extraction.Result result = Extraction.of(answer.text(), answer.sources(), entities);
        List<Extraction.EntityRow> rows = result.entities();
        List<Extraction.SourceRow> sources = result.sources();
        jdbc.sql("""
                        WITH analysis AS (
                            INSERT INTO answer_analyses (execution_id, organisation_id, project_id, query_id, model,
                                language, country, answered_at, has_text, source_count, cited_source_count,
                                entities_version, algorithm_version, analysed_at)
                            VALUES (:id, :organisation, :project, :query, :model, :language, :country, :answeredAt,
                                :hasText, :sourceCount, :citedCount, :version, :algorithm, :now)
                            RETURNING execution_id),
                        entity_rows AS (
                            INSERT INTO answer_entities (execution_id, entity_id, organisation_id, project_id,
                                query_id, model, answered_at, present, mention_count, first_offset, rank, cited,
                                in_sources, entities_version, algorithm_version)
                            SELECT a.execution_id, u.entity_id, :organisation, :project, :query, :model, :answeredAt,
                                u.present, u.mention_count, u.first_offset, u.rank, u.cited, u.in_sources, :version,
                                :algorithm
                            FROM analysis a, unnest(CAST(:entityIds AS uuid[]), CAST(:present AS boolean[]),
                                CAST(:mentions AS integer[]), CAST(:offsets AS integer[]), CAST(:ranks AS integer[]),
                                CAST(:entityCited AS boolean[]), CAST(:inSources AS boolean[]))
                                AS u(entity_id, present, mention_count, first_offset, rank, cited, in_sources))
                        INSERT INTO answer_sources (execution_id, position, organisation_id, project_id, query_id, model,
                            answered_at, url, host, domain, title, cited, entity_ids, entities_version,
                            algorithm_version)
                        SELECT a.execution_id, u.position, :organisation, :project, :query, :model, :answeredAt, u.url,
                            u.host, u.domain, u.title, u.cited, CAST(u.entity_ids AS uuid[]), :version, :algorithm
                        FROM analysis a, unnest(CAST(:positions AS integer[]), CAST(:urls AS text[]),
                            CAST(:hosts AS text[]), CAST(:domains AS text[]), CAST(:titles AS text[]),
                            CAST(:sourceCited AS boolean[]), CAST(:owners AS text[]))
                            AS u(position, url, host, domain, title, cited, entity_ids)""")
                .param("id", answer.id())
                .param("organisation", answer.organisationId())
                .param("project", answer.projectId())
                .param("query", answer.queryId())
                .param("model", answer.model())
                .param("language", answer.language())
                .param("country", answer.country())
                .param("answeredAt", Timestamp.from(answer.answeredAt()))
                .param("hasText", answer.text() != null)
                .param("sourceCount", answer.sources().size())
                .param("citedCount", (int) answer.sources().stream()
                        .filter(Extraction.AnswerSource::cited)
                        .count())
                .param("version", version)
                .param("algorithm", Extraction.ALGORITHM_VERSION)
                .param("now", Timestamp.from(now))
                .param("entityIds", ArrayLiterals.of(rows, Extraction.EntityRow::entityId))
                .param("present", ArrayLiterals.of(rows, Extraction.EntityRow::present))
                .param("mentions", ArrayLiterals.of(rows, Extraction.EntityRow::mentionCount))
                .param("offsets", ArrayLiterals.of(rows, Extraction.EntityRow::firstOffset))
                .param("ranks", ArrayLiterals.of(rows, Extraction.EntityRow::rank))
                .param("entityCited", ArrayLiterals.of(rows, Extraction.EntityRow::cited))
                .param("inSources", ArrayLiterals.of(rows, Extraction.EntityRow::inSources))
                .param("positions", ArrayLiterals.of(sources, Extraction.SourceRow::position))
                .param("urls", ArrayLiterals.of(sources, Extraction.SourceRow::url))
                .param("hosts", ArrayLiterals.of(sources, Extraction.SourceRow::host))
                .param("domains", ArrayLiterals.of(sources, Extraction.SourceRow::domain))
                .param("titles", ArrayLiterals.of(sources, Extraction.SourceRow::title))
                .param("sourceCited", ArrayLiterals.of(sources, Extraction.SourceRow::cited))
                .param("owners", ArrayLiterals.of(sources, row -> uuidArray(row.entityIds())))
                .update();
        return true;
    }

    private record Answered(Answer answer, long version) {}

    /** The version of the project's entities, read without a lock; 0 when it has none yet. */
    long currentVersion(UUID projectId) {
        return jdbc.sql("SELECT version FROM entity_sets WHERE project_id = :project")
                .param("project", projectId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /**
     * Up to {@code limit} projects, but those in {@code skip}, whose answers may be behind their
     * entities' or the algorithm's version, the longest unchanged first.
     */
    List<UUID> projectsBehind(int limit, List<UUID> skip) {
        return jdbc.sql("""
                        SELECT s.project_id FROM entity_sets s LEFT JOIN analysis_progress p ON p.project_id = s.project_id
                        WHERE (p.project_id IS NULL OR p.derived_version < s.version OR p.derived_algorithm < :algorithm)
                            AND NOT (s.project_id = ANY(CAST(:skip AS uuid[])))
                        ORDER BY s.updated_at LIMIT :limit""")
                .param("algorithm", Extraction.ALGORITHM_VERSION)
                .param("skip", uuidArray(skip))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /**
     * Up to {@code limit} answers of the project behind {@code version}, locked for this transaction
     * (those another instance holds are skipped), but those in {@code skip}.
     */
    List<UUID> behind(UUID projectId, long version, int limit, List<UUID> skip) {
        return jdbc.sql("SELECT execution_id FROM answer_analyses WHERE project_id = :project AND " + BEHIND
                        + " AND NOT (execution_id = ANY(CAST(:skip AS uuid[])))"
                        + " ORDER BY execution_id LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("project", projectId)
                .param("algorithm", Extraction.ALGORITHM_VERSION)
                .param("version", version)
                .param("skip", uuidArray(skip))
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Whether any answer of the project is behind {@code version}, those other transactions hold included. */
    boolean anyBehind(UUID projectId, long version) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM answer_analyses WHERE project_id = :project AND " + BEHIND + ")")
                .param("project", projectId)
                .param("algorithm", Extraction.ALGORITHM_VERSION)
                .param("version", version)
                .query(Boolean.class)
                .single();
    }

    /** The project's answers: all of them, and those behind its entities' or the algorithm's version. */
    long[] counts(UUID projectId, long version) {
        return jdbc.sql("SELECT count(*), count(*) FILTER (WHERE " + BEHIND
                        + ") FROM answer_analyses WHERE project_id = :project")
                .param("project", projectId)
                .param("algorithm", Extraction.ALGORITHM_VERSION)
                .param("version", version)
                .query((row, index) -> new long[] {row.getLong(1), row.getLong(2)})
                .single();
    }

    /** The project's answers are derived with {@code version} and this algorithm, none behind. */
    void markDerived(UUID projectId, long version, Instant now) {
        jdbc.sql("""
                        INSERT INTO analysis_progress (project_id, derived_version, derived_algorithm, updated_at)
                        VALUES (:project, :version, :algorithm, :now)
                        ON CONFLICT (project_id) DO UPDATE SET derived_version = :version,
                            derived_algorithm = :algorithm, updated_at = :now""")
                .param("project", projectId)
                .param("version", version)
                .param("algorithm", Extraction.ALGORITHM_VERSION)
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Leaves a successful execution to the background task: its answer row, not derived (version
     * -1), and its project's progress behind.
     */
    void markPending(UUID executionId, Instant now) {
        jdbc.sql("""
                        INSERT INTO answer_analyses (execution_id, organisation_id, project_id, query_id, model,
                            language, country, answered_at, has_text, source_count, cited_source_count,
                            entities_version, algorithm_version)
                        SELECT id, organisation_id, project_id, query_id, model, language, country,
                            coalesce(finished_at, updated_at), answer IS NOT NULL, 0, 0, -1, 0
                        FROM job_executions WHERE id = :id AND status = 'success'
                        ON CONFLICT (execution_id) DO UPDATE SET entities_version = -1""").param("id", executionId).update();
        jdbc.sql("""
                        UPDATE analysis_progress SET derived_version = -1, updated_at = :now
                        WHERE project_id = (SELECT project_id FROM job_executions WHERE id = :id)""").param("id", executionId).param("now", Timestamp.from(now)).update();
    }

    /**
     * Derives the rows of these successful executions with {@code set}, replacing those they had.
     *
     * @return the answers derived
     */
    int derive(List<UUID> executionIds, EntitySet set, Instant now) {
        List<Answer> answers = jdbc.sql("""
                        SELECT id, organisation_id, project_id, query_id, model, language, country,
                            coalesce(finished_at, updated_at) AS answered_at, answer, sources
                        FROM job_executions WHERE id = ANY(CAST(:ids AS uuid[])) AND status = 'success'
                        ORDER BY id""")
                .param("ids", uuidArray(executionIds))
                .query((row, index) -> answer(row))
                .list();
        if (answers.isEmpty()) {
            return 0;
        }
        String ids = uuidArray(answers.stream().map(Answer::id).toList());
        jdbc.sql("DELETE FROM answer_entities WHERE execution_id = ANY(CAST(:ids AS uuid[]))")
                .param("ids", ids)
                .update();
        jdbc.sql("DELETE FROM answer_sources WHERE execution_id = ANY(CAST(:ids AS uuid[]))")
                .param("ids", ids)
                .update();
        List<Object[]> analyses = new ArrayList<>();
        List<Object[]> entities = new ArrayList<>();
        List<Object[]> sources = new ArrayList<>();
        Timestamp analysedAt = Timestamp.from(now);
        for (Answer answer : answers) {
            Extraction.Result result = Extraction.of(answer.text(), answer.sources(), set.entities());
            Timestamp answeredAt = Timestamp.from(answer.answeredAt());
            long cited = answer.sources().stream()
                    .filter(Extraction.AnswerSource::cited)
                    .count();
            analyses.add(new Object[] {
                answer.id(),
                answer.organisationId(),
                answer.projectId(),
                answer.queryId(),
                answer.model(),
                answer.language(),
                answer.country(),
                answeredAt,
                answer.text() != null,
                answer.sources().size(),
                (int) cited,
                set.version(),
                Extraction.ALGORITHM_VERSION,
                analysedAt
            });
            for (Extraction.EntityRow row : result.entities()) {
                entities.add(new Object[] {
                    answer.id(),
                    row.entityId(),
                    answer.organisationId(),
                    answer.projectId(),
                    answer.queryId(),
                    answer.model(),
                    answeredAt,
                    row.present(),
                    row.mentionCount(),
                    row.firstOffset(),
                    row.rank(),
                    row.cited(),
                    row.inSources(),
                    set.version(),
                    Extraction.ALGORITHM_VERSION
                });
            }
            for (Extraction.SourceRow row : result.sources()) {
                sources.add(new Object[] {
                    answer.id(),
                    row.position(),
                    answer.organisationId(),
                    answer.projectId(),
                    answer.queryId(),
                    answer.model(),
                    answeredAt,
                    row.url(),
                    row.host(),
                    row.domain(),
                    row.title(),
                    row.cited(),
                    uuidArray(row.entityIds()),
                    set.version(),
                    Extraction.ALGORITHM_VERSION
                });
            }
        }
        batch.batchUpdate("""
                INSERT INTO answer_analyses (execution_id, organisation_id, project_id, query_id, model, language,
                    country, answered_at, has_text, source_count, cited_source_count, entities_version,
                    algorithm_version, analysed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (execution_id) DO UPDATE SET has_text = excluded.has_text,
                    source_count = excluded.source_count, cited_source_count = excluded.cited_source_count,
                    entities_version = excluded.entities_version, algorithm_version = excluded.algorithm_version,
                    analysed_at = excluded.analysed_at""", analyses);
        batch.batchUpdate("""
                INSERT INTO answer_entities (execution_id, entity_id, organisation_id, project_id, query_id, model,
                    answered_at, present, mention_count, first_offset, rank, cited, in_sources, entities_version,
                    algorithm_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", entities);
        batch.batchUpdate("""
                INSERT INTO answer_sources (execution_id, position, organisation_id, project_id, query_id, model,
                    answered_at, url, host, domain, title, cited, entity_ids, entities_version, algorithm_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS uuid[]), ?, ?)""", sources);
        return answers.size();
    }

    private Answer answer(java.sql.ResultSet row) throws SQLException {
        return new Answer(
                row.getObject("id", UUID.class),
                row.getObject("organisation_id", UUID.class),
                row.getObject("project_id", UUID.class),
                row.getObject("query_id", UUID.class),
                row.getString("model"),
                row.getString("language"),
                row.getString("country"),
                row.getTimestamp("answered_at").toInstant(),
                row.getString("answer"),
                sources(row.getString("sources")));
    }

    /** The sources as the runner stores them: {@code [{url, domain, title, cited, redirectUrl?}]}. */
    private List<Extraction.AnswerSource> sources(@Nullable String stored) {
        if (stored == null) {
            return List.of();
        }
        JsonNode array = json.readTree(stored);
        List<Extraction.AnswerSource> sources = new ArrayList<>();
        for (JsonNode source : array) {
            String url = source.path("url").asString(null);
            if (url != null) {
                sources.add(new Extraction.AnswerSource(
                        url,
                        source.path("title").asString(null),
                        source.path("cited").asBoolean(false)));
            }
        }
        return sources;
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** Ids as a {@code uuid[]} literal: a Java list would be expanded into a list of parameters. */
    private static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
