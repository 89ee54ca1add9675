package io.cachedjobs.cachedjob;

import io.cachedjobs.common.UuidV7;
import io.cachedjobs.provider.ProviderCatalogue;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * What a triggered job holds in each column of {@link CachedJobRows#COLUMN_NAMES}: an expression
     * over its query's row {@code q}, or {@code ?} for a value of the call, bound by name in {@link
     * #insert}. A column missing here stops the service at start.
     */
    private static final Map<String, String> TRIGGERED = Map.ofEntries(
            Map.entry("id", UuidV7.sql("q.time_and_counter")),
            Map.entry("project_id", "q.project_id"),
            Map.entry("query_id", "q.id"),
            Map.entry("query_text", "q.query_text"),
            Map.entry("language", "q.language"),
            Map.entry("country", "q.country"),
            Map.entry("ai_models", "?"),
            Map.entry("provider_keys", "?"),
            Map.entry("execution_count", "?"),
            Map.entry("status", "'pending'"),
            Map.entry("restricted", "false"),
            Map.entry("run_id", "?"),
            Map.entry("total_executions", "0"),
            Map.entry("pending_executions", "0"),
            Map.entry("running_executions", "0"),
            Map.entry("retrying_executions", "0"),
            Map.entry("success_executions", "0"),
            Map.entry("failed_executions", "0"),
            Map.entry("outcome", "NULL"),
            Map.entry("cost_micros", "NULL"),
            Map.entry("created_at", "?"),
            Map.entry("updated_at", "?"));

    /** The columns whose value the call binds, in the order of their parameters. */
    private static final List<String> BOUND = CachedJobRows.COLUMN_NAMES.stream()
            .filter(column -> "?".equals(TRIGGERED.get(column)))
            .toList();

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
            + "SELECT " + select() + " "
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

    private static String select() {
        if (!TRIGGERED.keySet().equals(Set.copyOf(CachedJobRows.COLUMN_NAMES))) {
            throw new IllegalStateException("The trigger gives values to " + TRIGGERED.keySet()
                    + ", the cached_jobs row has " + CachedJobRows.COLUMN_NAMES);
        }
        return CachedJobRows.COLUMN_NAMES.stream().map(TRIGGERED::get).collect(Collectors.joining(", "));
    }

    TriggerInsert(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a trigger writes: a job per query of {@code projectId} (of {@code organisationId}), only of
     * {@code queryIds} and of queries tagged with any of {@code tagIds} where given (null: no narrowing),
     * asking {@code models} {@code executionCount} times, made at {@code now} by the
     * trigger {@code runId}.
     */
    record NewJobs(
            UUID runId,
            UUID organisationId,
            UUID projectId,
            List<UUID> queryIds,
            List<Long> tagIds,
            ProviderCatalogue.Selection models,
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
                    for (String column : BOUND) {
                        switch (column) {
                            case "ai_models" ->
                                statement.setArray(
                                        at++,
                                        CachedJobRows.textArray(
                                                connection,
                                                jobs.models().models().toArray()));
                            case "provider_keys" ->
                                statement.setArray(
                                        at++,
                                        CachedJobRows.textArray(
                                                connection,
                                                jobs.models().providerKeys().toArray()));
                            case "execution_count" -> statement.setInt(at++, jobs.executionCount());
                            case "run_id" -> statement.setObject(at++, jobs.runId());
                            case "created_at", "updated_at" ->
                                statement.setObject(at++, CachedJobRows.time(jobs.now()));
                            default -> throw new IllegalStateException("No value for " + column);
                        }
                    }
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
