package io.cachedjobs.bench;

import io.cachedjobs.common.UuidV7;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The floor of the runner's throughput: the database work of running pending cached jobs, in plain
 * SQL from this JVM, with no engine and no HTTP. The statements are the runner's (ExecutionStore's
 * and db-scheduler 16.7.1's for PostgreSQL), on as many connections as the service has workers:
 *
 * <ul>
 *   <li>one thread starts the pending jobs, {@link #START_BATCH} a transaction: claims them, makes
 *       their executions and a task for each, makes them active, recounts them;
 *   <li>each worker takes due tasks as db-scheduler does (one {@code UPDATE ... WHERE ... IN (SELECT
 *       ... FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}), then for each: reads its execution and
 *       claims it (locks the job, marks the execution running, recounts the job), records the
 *       answer the service recorded (locks the job, writes the result, recounts), deletes the
 *       task.
 * </ul>
 *
 * <p>Where the service's runner runs one statement at a time with a commit apart, this one reads
 * the execution inside its claim's transaction (a round trip fewer) and reuses its prepared
 * statements: the best this work can do, not a copy of the service's overheads.
 */
final class ExecutionFloor {

    /** The runner's default batch of jobs started per transaction (cachedjobs.runner.start-batch). */
    static final int START_BATCH = 50;

    private static final String TASK_NAME = "job-execution";

    private static final String CLAIM_JOBS = """
            SELECT id FROM cached_jobs WHERE status = 'pending'
            ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED""";

    private static final String MAKE_EXECUTIONS = """
            INSERT INTO job_executions (id, cached_job_id, project_id, organisation_id, query_id, query_text,
                language, country, model, provider_key, execution_number, status, created_at, updated_at)
            SELECT %s, x.id, x.project_id, x.organisation_id, x.query_id, x.query_text, x.language, x.country,
                x.model, x.provider_key, x.n, 'pending', ?, ?
            FROM (SELECT j.*, p.organisation_id, m.model, m.provider_key, n,
                      ? + row_number() OVER (ORDER BY j.created_at, j.id, m.i, n) - 1 AS time_and_counter
                  FROM cached_jobs j
                  JOIN projects p ON p.id = j.project_id
                  CROSS JOIN LATERAL unnest(j.ai_models, j.provider_keys) WITH ORDINALITY AS m(model, provider_key, i)
                  CROSS JOIN generate_series(1, j.execution_count) AS n
                  WHERE j.id = ANY(CAST(? AS uuid[]))) x
            ON CONFLICT (cached_job_id, provider_key, execution_number) DO NOTHING""".formatted(UuidV7.sql("x.time_and_counter"));

    private static final String SCHEDULE = """
            INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
            SELECT '%s', e.id::text, ?, false, 1 FROM job_executions e
            WHERE e.cached_job_id = ANY(CAST(? AS uuid[])) AND e.status IN ('pending', 'retrying')
            ON CONFLICT (task_name, task_instance) DO NOTHING""".formatted(TASK_NAME);

    private static final String ACTIVATE =
            "UPDATE cached_jobs SET status = 'active', updated_at = ? WHERE id = ANY(CAST(? AS uuid[]))";

    private static final String RECOUNT = """
            UPDATE cached_jobs j SET
                total_executions = c.total, pending_executions = c.pending, running_executions = c.running,
                retrying_executions = c.retrying, success_executions = c.success, failed_executions = c.failed,
                status = CASE WHEN j.status = 'active' AND c.success + c.failed = c.total THEN 'ended'
                    ELSE j.status END,
                outcome = CASE WHEN j.status = 'active' AND c.success + c.failed = c.total THEN
                    CASE WHEN c.failed = 0 THEN 'completed' WHEN c.success = 0 THEN 'failed'
                    ELSE 'partial_failed' END ELSE j.outcome END,
                cost_micros = CASE WHEN j.status = 'active' AND c.success + c.failed = c.total THEN c.cost
                    ELSE j.cost_micros END,
                updated_at = ?
            FROM (SELECT cached_job_id, count(*) AS total,
                      count(*) FILTER (WHERE status = 'pending') AS pending,
                      count(*) FILTER (WHERE status = 'running') AS running,
                      count(*) FILTER (WHERE status = 'retrying') AS retrying,
                      count(*) FILTER (WHERE status = 'success') AS success,
                      count(*) FILTER (WHERE status = 'failed') AS failed,
                      sum(cost_micros) AS cost
                  FROM job_executions WHERE cached_job_id = ANY(CAST(? AS uuid[])) GROUP BY cached_job_id) c
            WHERE j.id = c.cached_job_id""";

    /** db-scheduler's lock-and-fetch on PostgreSQL (PostgreSqlJdbcCustomization, no priority). */
    private static final String LOCK_AND_FETCH = """
            WITH locked_executions AS (UPDATE scheduled_tasks st1 SET picked = ?, picked_by = ?,
                last_heartbeat = ?, version = version + 1
              WHERE (st1.task_name, st1.task_instance) IN (SELECT st2.task_name, st2.task_instance
                FROM scheduled_tasks st2 WHERE picked = ? AND execution_time <= ?
                ORDER BY execution_time ASC FOR UPDATE SKIP LOCKED LIMIT %d)
              RETURNING st1.*)
            SELECT * FROM locked_executions ORDER BY execution_time ASC""";

    private static final String FIND = """
            SELECT e.id, e.cached_job_id, j.status AS job_status, e.status, e.attempt, e.provider_key,
                e.model, e.query_text, e.language, e.country
            FROM job_executions e JOIN cached_jobs j ON j.id = e.cached_job_id WHERE e.id = ?""";

    private static final String LOCK_JOB = "SELECT status FROM cached_jobs WHERE id = ? FOR UPDATE";

    private static final String CLAIM = """
            UPDATE job_executions SET status = 'running', attempt = attempt + 1,
                possibly_billed_calls = possibly_billed_calls + CASE WHEN status = 'running' THEN 1 ELSE 0 END,
                started_at = coalesce(started_at, ?), updated_at = ?
            WHERE id = ? AND status IN ('pending', 'retrying', 'running')
            RETURNING attempt""";

    private static final String RECORD = """
            UPDATE job_executions SET status = ?, answer = ?,
                no_answer_reason = ?, sources = CAST(? AS jsonb),
                search_queries = CAST(? AS jsonb), input_tokens = ?,
                cached_input_tokens = ?, output_tokens = ?,
                reasoning_tokens = ?, search_calls = ?, cost_micros = ?,
                latency_ms = ?, error_type = ?, error_message = ?,
                raw_answer = coalesce(?, raw_answer),
                possibly_billed_calls = possibly_billed_calls + ?,
                finished_at = CASE WHEN ? THEN CAST(? AS timestamptz) END,
                updated_at = ?
            WHERE id = ? AND attempt = ? AND status = 'running'""";

    private static final String DELETE_TASK =
            "delete from scheduled_tasks where task_name = ? and task_instance = ? and version = ?";

    /** What the service recorded for one answer of the stub engine, to be written again as is. */
    record Answer(
            String answer,
            String noAnswerReason,
            String sources,
            String searchQueries,
            Long inputTokens,
            Long cachedInputTokens,
            Long outputTokens,
            Long reasoningTokens,
            Integer searchCalls,
            Long costMicros,
            String raw) {

        /** A successful execution's result as the service wrote it in {@code connection}'s database. */
        static Answer recordedIn(Connection connection) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("""
                            SELECT answer, no_answer_reason, sources::text, search_queries::text, input_tokens,
                                cached_input_tokens, output_tokens, reasoning_tokens, search_calls, cost_micros,
                                raw_answer
                            FROM job_executions WHERE status = 'success' LIMIT 1""");
                    ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the service has recorded no answer yet");
                }
                return new Answer(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getObject(5, Long.class),
                        row.getObject(6, Long.class),
                        row.getObject(7, Long.class),
                        row.getObject(8, Long.class),
                        row.getObject(9, Integer.class),
                        row.getObject(10, Long.class),
                        row.getString(11));
            }
        }
    }

    private final JdbcConnectionDetails db;
    private final int workers;
    private final Answer answer;

    /**
     * @param workers connections that run executions (the service's workers)
     * @param answer what each execution records
     */
    ExecutionFloor(JdbcConnectionDetails db, int workers, Answer answer) {
        this.db = db;
        this.workers = workers;
        this.answer = answer;
    }

    /**
     * Runs every pending job of the database to its end.
     *
     * @return the executions run
     */
    int run() throws Exception {
        AtomicBoolean started = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(workers + 1);
        try {
            Future<?> starter = threads.submit(() -> {
                try (Connection connection = BenchData.connect(db)) {
                    connection.setAutoCommit(false);
                    while (startJobs(connection) == START_BATCH) {
                        // until none is pending
                    }
                } finally {
                    started.set(true);
                }
                return null;
            });
            List<Future<Integer>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                String name = "floor-" + i;
                running.add(threads.submit(() -> work(name, started)));
            }
            starter.get();
            int executions = 0;
            for (Future<Integer> worker : running) {
                executions += worker.get();
            }
            return executions;
        } finally {
            threads.shutdownNow();
        }
    }

    /** One transaction of the starter: up to a batch of pending jobs started; how many. */
    private static int startJobs(Connection connection) throws SQLException {
        List<UUID> jobs = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_JOBS)) {
            claim.setInt(1, START_BATCH);
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    jobs.add(rows.getObject(1, UUID.class));
                }
            }
        }
        if (jobs.isEmpty()) {
            connection.commit();
            return 0;
        }
        String ids = uuidArray(jobs);
        Timestamp now = Timestamp.from(Instant.now());
        long first = UuidV7.nextTimeAndCounter();
        int made;
        try (PreparedStatement make = connection.prepareStatement(MAKE_EXECUTIONS)) {
            make.setTimestamp(1, now);
            make.setTimestamp(2, now);
            make.setLong(3, first);
            make.setString(4, ids);
            made = make.executeUpdate();
        }
        UuidV7.madeUpTo(first + Math.max(made, 1) - 1);
        try (PreparedStatement schedule = connection.prepareStatement(SCHEDULE)) {
            schedule.setTimestamp(1, now);
            schedule.setString(2, ids);
            schedule.executeUpdate();
        }
        try (PreparedStatement activate = connection.prepareStatement(ACTIVATE)) {
            activate.setTimestamp(1, now);
            activate.setString(2, ids);
            activate.executeUpdate();
        }
        try (PreparedStatement recount = connection.prepareStatement(RECOUNT)) {
            recount.setTimestamp(1, now);
            recount.setString(2, ids);
            recount.executeUpdate();
        }
        connection.commit();
        return jobs.size();
    }

    private record Task(String instance, long version) {}

    /** A worker: takes due tasks until none is left once every job has started; how many it ran. */
    private int work(String name, AtomicBoolean started) throws Exception {
        // db-scheduler fetches when its running executions fall under half its workers, up to all
        // of them: about half as many tasks per fetch as it has workers.
        int fetch = Math.max(1, workers / 2);
        int done = 0;
        try (Connection connection = BenchData.connect(db);
                PreparedStatement lockAndFetch = connection.prepareStatement(LOCK_AND_FETCH.formatted(fetch));
                PreparedStatement find = connection.prepareStatement(FIND);
                PreparedStatement lockJob = connection.prepareStatement(LOCK_JOB);
                PreparedStatement claim = connection.prepareStatement(CLAIM);
                PreparedStatement record = connection.prepareStatement(RECORD);
                PreparedStatement recount = connection.prepareStatement(RECOUNT);
                PreparedStatement delete = connection.prepareStatement(DELETE_TASK)) {
            connection.setAutoCommit(false);
            Statements statements = new Statements(connection, find, lockJob, claim, record, recount, delete);
            while (true) {
                boolean allStarted = started.get();
                Timestamp now = Timestamp.from(Instant.now());
                lockAndFetch.setBoolean(1, true);
                lockAndFetch.setString(2, name);
                lockAndFetch.setTimestamp(3, now);
                lockAndFetch.setBoolean(4, false);
                lockAndFetch.setTimestamp(5, now);
                List<Task> tasks = new ArrayList<>();
                try (ResultSet rows = lockAndFetch.executeQuery()) {
                    while (rows.next()) {
                        tasks.add(new Task(rows.getString("task_instance"), rows.getLong("version")));
                    }
                }
                connection.commit();
                if (tasks.isEmpty()) {
                    if (allStarted) {
                        return done;
                    }
                    Thread.sleep(1);
                    continue;
                }
                for (Task task : tasks) {
                    execute(statements, task);
                    done++;
                }
            }
        }
    }

    private record Statements(
            Connection connection,
            PreparedStatement find,
            PreparedStatement lockJob,
            PreparedStatement claim,
            PreparedStatement record,
            PreparedStatement recount,
            PreparedStatement delete) {}

    private void execute(Statements sql, Task task) throws SQLException {
        UUID id = UUID.fromString(task.instance());
        UUID job;
        sql.find().setObject(1, id);
        try (ResultSet row = sql.find().executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("no execution " + id);
            }
            job = row.getObject("cached_job_id", UUID.class);
        }
        String jobs = uuidArray(List.of(job));
        Timestamp now = Timestamp.from(Instant.now());
        lockJob(sql, job);
        sql.claim().setTimestamp(1, now);
        sql.claim().setTimestamp(2, now);
        sql.claim().setObject(3, id);
        int attempt;
        try (ResultSet row = sql.claim().executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("execution " + id + " could not be claimed");
            }
            attempt = row.getInt(1);
        }
        recount(sql, jobs, now);
        sql.connection().commit();

        now = Timestamp.from(Instant.now());
        lockJob(sql, job);
        PreparedStatement record = sql.record();
        record.setString(1, "success");
        record.setString(2, answer.answer());
        record.setString(3, answer.noAnswerReason());
        record.setString(4, answer.sources());
        record.setString(5, answer.searchQueries());
        record.setObject(6, answer.inputTokens(), Types.BIGINT);
        record.setObject(7, answer.cachedInputTokens(), Types.BIGINT);
        record.setObject(8, answer.outputTokens(), Types.BIGINT);
        record.setObject(9, answer.reasoningTokens(), Types.BIGINT);
        record.setObject(10, answer.searchCalls(), Types.INTEGER);
        record.setObject(11, answer.costMicros(), Types.BIGINT);
        record.setInt(12, 0);
        record.setNull(13, Types.VARCHAR);
        record.setNull(14, Types.VARCHAR);
        record.setString(15, answer.raw());
        record.setInt(16, 0);
        record.setBoolean(17, true);
        record.setTimestamp(18, now);
        record.setTimestamp(19, now);
        record.setObject(20, id);
        record.setInt(21, attempt);
        if (record.executeUpdate() != 1) {
            throw new IllegalStateException("execution " + id + ": its result was not written");
        }
        recount(sql, jobs, now);
        sql.connection().commit();

        sql.delete().setString(1, TASK_NAME);
        sql.delete().setString(2, task.instance());
        sql.delete().setLong(3, task.version());
        if (sql.delete().executeUpdate() != 1) {
            throw new IllegalStateException("task " + task.instance() + " was not deleted");
        }
        sql.connection().commit();
    }

    private static void lockJob(Statements sql, UUID job) throws SQLException {
        sql.lockJob().setObject(1, job);
        try (ResultSet row = sql.lockJob().executeQuery()) {
            row.next();
        }
    }

    private static void recount(Statements sql, String jobs, Timestamp now) throws SQLException {
        sql.recount().setTimestamp(1, now);
        sql.recount().setString(2, jobs);
        sql.recount().executeUpdate();
    }

    /** Ids as a {@code uuid[]} literal, as the runner binds them. */
    private static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
