package io.cachedjobs.cachedjob;

import io.cachedjobs.common.UuidV7;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The trigger's write: one {@code INSERT INTO cached_jobs ... SELECT ... FROM queries ...
 * RETURNING} statement, all or nothing, that writes one new pending job per live query of the
 * project and returns every new id and the first chunk of jobs whole, so that a small trigger needs
 * no statement to read its jobs back. A plain bean, not a repository, for the reason given on
 * {@link CachedJobFastPaths}.
 */
@Component
class TriggerInsert {

    /** Jobs returned whole by the statement: the read-back reads the others in chunks of this size. */
    private static final int FIRST_CHUNK = CachedJobFastPaths.READ_CHUNK;

    /** Every column but the id, of the first {@link #FIRST_CHUNK} rows only (null for the others). */
    private static final String FIRST_CHUNK_COLUMNS = CachedJobRows.COLUMN_NAMES.stream()
            .skip(1)
            .map(column -> "CASE WHEN n <= " + FIRST_CHUNK + " THEN " + column + " END AS " + column)
            .collect(Collectors.joining(", "));

    /**
     * Ids follow the queries' creation order (UUID v7 made from the number bound first plus the
     * row's position), and a project of another organisation yields no row. {@code %s} stands for
     * the narrowing.
     */
    private static final String STATEMENT = "WITH written AS (INSERT INTO cached_jobs (" + CachedJobRows.COLUMNS
            + ") "
            + "SELECT " + UuidV7.sql("q.time_and_counter") + ", q.project_id, q.id, q.query_text, q.language, "
            + "q.country, ?, ?, 'pending', false, ?, ? "
            + "FROM (SELECT q.*, ? + row_number() OVER (ORDER BY q.created_at, q.id) - 1 AS time_and_counter "
            + "FROM queries q JOIN projects p ON p.id = q.project_id AND p.organisation_id = ? "
            + "WHERE q.project_id = ? AND q.deleted_at IS NULL%s) q "
            + "RETURNING " + CachedJobRows.COLUMNS + ") "
            + "SELECT id, " + FIRST_CHUNK_COLUMNS
            + " FROM (SELECT w.*, row_number() OVER (ORDER BY w.id) AS n FROM written w) w "
            + "ORDER BY id";

    private static final String ONLY_QUERIES = " AND q.id = ANY(?)";
    private static final String ONLY_TAGGED =
            " AND EXISTS (SELECT 1 FROM query_tags t WHERE t.query_id = q.id AND t.tag_id = ANY(?))";

    /**
     * {@link #STATEMENT} for each narrowing, built once rather than formatted per call: none, by
     * query ids, by tags, by both; see {@link #statementFor}.
     */
    private static final List<String> STATEMENTS = List.of(
            STATEMENT.formatted(""),
            STATEMENT.formatted(ONLY_QUERIES),
            STATEMENT.formatted(ONLY_TAGGED),
            STATEMENT.formatted(ONLY_QUERIES + ONLY_TAGGED));

    private final JdbcTemplate jdbc;

    TriggerInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a trigger writes: a job per query of {@code projectId} (of {@code organisationId}), only of
     * {@code queryIds} and of queries tagged with any of {@code tagIds} where given (null: no narrowing),
     * asking {@code models} (model names) {@code executionCount} times, made at {@code now}.
     */
    record NewJobs(
            UUID organisationId,
            UUID projectId,
            List<UUID> queryIds,
            List<Long> tagIds,
            List<String> models,
            int executionCount,
            Instant now) {}

    /**
     * What a trigger wrote: every new job's id in order, and the first jobs (up to a chunk) whole,
     * as the write returned them; the others are read back by id.
     */
    record Written(List<UUID> ids, List<CachedJob> first) {}

    /**
     * Writes, in one statement, one new pending job per live query of the project that the
     * narrowing allows; nothing when the project is not the organisation's.
     *
     * @return the new jobs' ids, in the order the queries were created, and the first of them whole
     */
    Written insert(NewJobs jobs) {
        String sql = statementFor(jobs);
        long first = UuidV7.nextTimeAndCounter();
        List<UUID> ids = new ArrayList<>();
        List<CachedJob> firstChunk = new ArrayList<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(sql);
                    int at = 1;
                    statement.setArray(
                            at++,
                            CachedJobRows.aiModels(connection, jobs.models().toArray()));
                    statement.setInt(at++, jobs.executionCount());
                    OffsetDateTime now = CachedJobRows.time(jobs.now());
                    statement.setObject(at++, now);
                    statement.setObject(at++, now);
                    statement.setLong(at++, first);
                    statement.setObject(at++, jobs.organisationId());
                    statement.setObject(at++, jobs.projectId());
                    if (jobs.queryIds() != null) {
                        statement.setArray(
                                at++,
                                connection.createArrayOf("uuid", jobs.queryIds().toArray()));
                    }
                    if (jobs.tagIds() != null) {
                        statement.setArray(
                                at,
                                connection.createArrayOf("bigint", jobs.tagIds().toArray()));
                    }
                    return statement;
                },
                (RowCallbackHandler) row -> {
                    ids.add(row.getObject("id", UUID.class));
                    if (row.getObject("project_id") != null) {
                        firstChunk.add(CachedJobRows.read(row));
                    }
                });
        UuidV7.madeUpTo(first + ids.size() - 1);
        return new Written(ids, firstChunk);
    }

    private static String statementFor(NewJobs jobs) {
        return STATEMENTS.get((jobs.queryIds() == null ? 0 : 1) + (jobs.tagIds() == null ? 0 : 2));
    }
}
