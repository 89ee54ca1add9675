package io.cachedjobs.cachedjob;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

class CachedJobBatchWriterImpl implements CachedJobBatchWriter {

    private static final int BATCH_SIZE = 1000;
    private static final String INSERT = """
            INSERT INTO cached_jobs (id, project_id, query_id, query_text, language, country, ai_models,
                                     execution_count, status, restricted, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    CachedJobBatchWriterImpl(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insertAll(List<CachedJobResponse> jobs) {
        jdbc.batchUpdate(INSERT, jobs, BATCH_SIZE, CachedJobBatchWriterImpl::bind);
    }

    private static void bind(PreparedStatement statement, CachedJobResponse job) throws SQLException {
        statement.setObject(1, job.id());
        statement.setObject(2, job.project());
        statement.setObject(3, job.queryId());
        statement.setString(4, job.query());
        statement.setString(5, job.language());
        statement.setString(6, job.country());
        statement.setArray(
                7,
                statement
                        .getConnection()
                        .createArrayOf("varchar", job.aiModels().toArray()));
        statement.setInt(8, job.executionCount());
        statement.setString(9, job.status().value());
        statement.setBoolean(10, job.restricted());
        statement.setObject(11, job.createdAt().atOffset(ZoneOffset.UTC));
        statement.setObject(12, job.updatedAt().atOffset(ZoneOffset.UTC));
    }
}
