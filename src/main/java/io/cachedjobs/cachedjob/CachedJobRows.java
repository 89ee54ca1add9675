package io.cachedjobs.cachedjob;

import io.cachedjobs.common.LowerCaseEnum;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * The {@code cached_jobs} row in plain SQL: its columns, its insert, the {@link CachedJob} a
 * result row reads as ({@link #read}) and the parameters a {@link CachedJob} binds ({@link #bind}).
 * {@link CachedJob} is the one row type: a new column is a field there, its name, read and bind
 * here, and the value a triggered job takes in {@link TriggerInsert}. Where one is forgotten, the
 * service refuses to start (the trigger's values) or {@code CachedJobRowsTest} fails (the table,
 * the entity and this list differ).
 */
final class CachedJobRows {

    /** Every column, the id first; {@link #bind} binds them in this order. */
    static final List<String> COLUMN_NAMES = List.of(
            "id",
            "project_id",
            "query_id",
            "query_text",
            "language",
            "country",
            "ai_models",
            "provider_keys",
            "execution_count",
            "status",
            "restricted",
            "run_id",
            "total_executions",
            "pending_executions",
            "running_executions",
            "retrying_executions",
            "success_executions",
            "failed_executions",
            "outcome",
            "cost_micros",
            "created_at",
            "updated_at");

    /** {@link #COLUMN_NAMES} as a column list. */
    static final String COLUMNS = String.join(", ", COLUMN_NAMES);

    /** One new row, its parameters bound by {@link #bind}. */
    static final String INSERT = "INSERT INTO cached_jobs (" + COLUMNS + ") VALUES ("
            + String.join(", ", Collections.nCopies(COLUMN_NAMES.size(), "?")) + ")";

    private CachedJobRows() {}

    /** The job in the current row of {@code row}, which holds every column of {@link #COLUMN_NAMES}. */
    static CachedJob read(ResultSet row) throws SQLException {
        return new CachedJob(
                row.getObject("id", UUID.class),
                row.getObject("project_id", UUID.class),
                row.getObject("query_id", UUID.class),
                row.getString("query_text"),
                row.getString("language"),
                row.getString("country"),
                (String[]) row.getArray("ai_models").getArray(),
                (String[]) row.getArray("provider_keys").getArray(),
                row.getInt("execution_count"),
                LowerCaseEnum.of(CachedJobStatus.class, row.getString("status")),
                row.getBoolean("restricted"),
                row.getObject("run_id", UUID.class),
                new ExecutionCounts(
                        row.getInt("total_executions"),
                        row.getInt("pending_executions"),
                        row.getInt("running_executions"),
                        row.getInt("retrying_executions"),
                        row.getInt("success_executions"),
                        row.getInt("failed_executions")),
                row.getString("outcome") == null ? null : LowerCaseEnum.of(JobOutcome.class, row.getString("outcome")),
                row.getObject("cost_micros", Long.class),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    /** Binds {@code job} to the parameters of {@link #INSERT}. */
    static void bind(PreparedStatement statement, CachedJob job) throws SQLException {
        int at = 1;
        statement.setObject(at++, job.getId());
        statement.setObject(at++, job.projectId());
        statement.setObject(at++, job.queryId());
        statement.setString(at++, job.queryText());
        statement.setString(at++, job.language());
        statement.setString(at++, job.country());
        statement.setArray(at++, textArray(statement.getConnection(), job.aiModels()));
        statement.setArray(at++, textArray(statement.getConnection(), job.providerKeys()));
        statement.setInt(at++, job.executionCount());
        statement.setString(at++, job.status().value());
        statement.setBoolean(at++, job.restricted());
        statement.setObject(at++, job.runId());
        ExecutionCounts counts = job.executions();
        for (int count : new int[] {
            counts.total(), counts.pending(), counts.running(), counts.retrying(), counts.success(), counts.failed()
        }) {
            statement.setInt(at++, count);
        }
        statement.setString(at++, job.outcome() == null ? null : job.outcome().value());
        statement.setObject(at++, job.costMicros(), java.sql.Types.BIGINT);
        statement.setObject(at++, time(job.getCreatedAt()));
        statement.setObject(at++, time(job.getUpdatedAt()));
    }

    /** Names as a {@code text[]} value ({@code ai_models}, {@code provider_keys}). */
    static Array textArray(Connection connection, Object[] names) throws SQLException {
        return connection.createArrayOf("varchar", names);
    }

    /** An instant as a {@code timestamptz} value (in UTC). */
    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
