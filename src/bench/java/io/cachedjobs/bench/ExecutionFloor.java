package io.cachedjobs.bench;

import io.cachedjobs.common.UuidV7;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
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
 *       their executions and a task for each (its priority its place in its organisation's
 *       queue), makes them active, recounts them;
 *   <li>each worker takes due tasks as db-scheduler does (one {@code UPDATE ... WHERE ... IN (SELECT
 *       ... ORDER BY priority DESC, execution_time FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}), then
 *       for each: reads its execution; claims it in one transaction (the account's row locked, its
 *       calls in flight counted, a token of its per-minute bucket taken; the job locked, the
 *       execution running, the job recounted); records the answer the service recorded in another
 *       (the job locked, the result written, the job recounted, the call counted toward the
 *       account's day); deletes the task.
 * </ul>
 *
 * <p>Unlike the runner, it reads the execution inside its claim's transaction (a round trip fewer)
 * and reuses its prepared statements: the best this work can do, not a copy of the service's
 * overheads. Its statements are copies of the runner's: a change to how the runner claims or
 * records must be made here too, or the floor measures other work.
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

    /** A task per execution, its priority its place in its organisation's queue. */
    private static final String SCHEDULE = """
            WITH todo AS (
                SELECT e.id, e.organisation_id,
                    row_number() OVER (PARTITION BY e.organisation_id ORDER BY e.id) AS rank,
                    count(*) OVER (PARTITION BY e.organisation_id) AS in_batch
                FROM job_executions e
                WHERE e.cached_job_id = ANY(CAST(? AS uuid[])) AND e.status IN ('pending', 'retrying')),
            backlog AS (
                SELECT o.organisation_id, (SELECT count(*) FROM (SELECT 1 FROM job_executions w
                        WHERE w.organisation_id = o.organisation_id AND w.status IN ('pending', 'running', 'retrying')
                        LIMIT 65536) x) AS waiting
                FROM (SELECT DISTINCT organisation_id FROM todo) o)
            INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
            SELECT '%s', t.id::text, ?, false, 1,
                greatest(64, 80 - floor(log(2, greatest(1, b.waiting - t.in_batch + t.rank)::numeric)))
            FROM todo t JOIN backlog b ON b.organisation_id = t.organisation_id
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

    /** db-scheduler's lock-and-fetch on PostgreSQL (PostgreSqlJdbcCustomization, with priority). */
    private static final String LOCK_AND_FETCH = """
            WITH locked_executions AS (UPDATE scheduled_tasks st1 SET picked = ?, picked_by = ?,
                last_heartbeat = ?, version = version + 1
              WHERE (st1.task_name, st1.task_instance) IN (SELECT st2.task_name, st2.task_instance
                FROM scheduled_tasks st2 WHERE picked = ? AND execution_time <= ?
                ORDER BY priority DESC, execution_time ASC FOR UPDATE SKIP LOCKED LIMIT %d)
              RETURNING st1.*)
            SELECT * FROM locked_executions ORDER BY priority DESC, execution_time ASC""";

    private static final String FIND = """
            SELECT e.id, e.cached_job_id, j.status AS job_status, e.status, e.attempt, e.provider_key,
                e.model, e.query_text, e.language, e.country, e.created_at
            FROM job_executions e JOIN cached_jobs j ON j.id = e.cached_job_id WHERE e.id = ?""";

    /** The account's admission (EngineAccounts.admit): its row locked, its calls in flight counted, a token taken. */
    private static final String LOCK_ACCOUNT = """
            SELECT tokens, tokens_at, pause_reason, paused_until, paused_key, consecutive_overloads
            FROM engine_accounts WHERE name = ? FOR UPDATE""";

    private static final String ACCOUNT_ROW = """
            INSERT INTO engine_accounts (name, tokens, tokens_at, updated_at) VALUES (?, 1000000, now(), now())
            ON CONFLICT (name) DO NOTHING""";

    private static final String IN_FLIGHT =
            "SELECT count(*) FROM job_executions WHERE status = 'running' AND provider_key IN (?)";

    private static final String TAKE_TOKEN =
            "UPDATE engine_accounts SET tokens = ?, tokens_at = ?, updated_at = ? WHERE name = ?";

    /** The call counted toward its account's day (EngineAccounts.spent), with its result. */
    private static final String SPENT = """
            INSERT INTO engine_account_days AS d (account, day, calls, cost_micros) VALUES (?, ?, 1, ?)
            ON CONFLICT (account, day) DO UPDATE SET calls = d.calls + 1, cost_micros = d.cost_micros + ?""";

    private static final String ACCOUNT = "anthropic";

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
            schedule.setString(1, ids);
            schedule.setTimestamp(2, now);
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
        try (Worker worker = new Worker(BenchData.connect(db), fetch)) {
            while (true) {
                boolean allStarted = started.get();
                List<Task> tasks = worker.lockAndFetch(name);
                if (tasks.isEmpty()) {
                    if (allStarted) {
                        return done;
                    }
                    Thread.sleep(1);
                    continue;
                }
                for (Task task : tasks) {
                    worker.execute(task);
                    done++;
                }
            }
        }
    }

    /** One worker's connection and its prepared statements, reused for every execution. */
    private final class Worker implements AutoCloseable {

        private final Connection connection;
        private final PreparedStatement lockAndFetch;
        private final PreparedStatement find;
        private final PreparedStatement lockAccount;
        private final PreparedStatement inFlight;
        private final PreparedStatement takeToken;
        private final PreparedStatement lockJob;
        private final PreparedStatement claim;
        private final PreparedStatement record;
        private final PreparedStatement spent;
        private final PreparedStatement recount;
        private final PreparedStatement delete;

        Worker(Connection connection, int fetch) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(false);
            try (PreparedStatement row = connection.prepareStatement(ACCOUNT_ROW)) {
                row.setString(1, ACCOUNT);
                row.executeUpdate();
            }
            connection.commit();
            lockAndFetch = connection.prepareStatement(LOCK_AND_FETCH.formatted(fetch));
            find = connection.prepareStatement(FIND);
            lockAccount = connection.prepareStatement(LOCK_ACCOUNT);
            inFlight = connection.prepareStatement(IN_FLIGHT);
            takeToken = connection.prepareStatement(TAKE_TOKEN);
            lockJob = connection.prepareStatement(LOCK_JOB);
            claim = connection.prepareStatement(CLAIM);
            record = connection.prepareStatement(RECORD);
            spent = connection.prepareStatement(SPENT);
            recount = connection.prepareStatement(RECOUNT);
            delete = connection.prepareStatement(DELETE_TASK);
        }

        List<Task> lockAndFetch(String name) throws SQLException {
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
            return tasks;
        }

        /** Claims, records and removes one execution: three transactions, as the runner's. */
        void execute(Task task) throws SQLException {
            UUID id = UUID.fromString(task.instance());
            UUID job;
            String providerKey;
            find.setObject(1, id);
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no execution " + id);
                }
                job = row.getObject("cached_job_id", UUID.class);
                providerKey = row.getString("provider_key");
            }
            String jobs = uuidArray(List.of(job));
            Timestamp now = Timestamp.from(Instant.now());
            admit(providerKey, now);
            lockJob(job);
            claim.setTimestamp(1, now);
            claim.setTimestamp(2, now);
            claim.setObject(3, id);
            int attempt;
            try (ResultSet row = claim.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("execution " + id + " could not be claimed");
                }
                attempt = row.getInt(1);
            }
            recount(jobs, now);
            connection.commit();

            now = Timestamp.from(Instant.now());
            lockJob(job);
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
            recount(jobs, now);
            long cost = answer.costMicros() == null ? 0 : answer.costMicros();
            spent.setString(1, ACCOUNT);
            spent.setObject(2, now.toInstant().atOffset(ZoneOffset.UTC).toLocalDate());
            spent.setLong(3, cost);
            spent.setLong(4, cost);
            spent.executeUpdate();
            connection.commit();

            delete.setString(1, TASK_NAME);
            delete.setString(2, task.instance());
            delete.setLong(3, task.version());
            if (delete.executeUpdate() != 1) {
                throw new IllegalStateException("task " + task.instance() + " was not deleted");
            }
            connection.commit();
        }

        /** The account's row locked until the claim commits, its calls in flight counted, a token taken. */
        private void admit(String providerKey, Timestamp now) throws SQLException {
            lockAccount.setString(1, ACCOUNT);
            double tokens;
            try (ResultSet row = lockAccount.executeQuery()) {
                row.next();
                tokens = row.getDouble("tokens");
            }
            inFlight.setString(1, providerKey);
            try (ResultSet row = inFlight.executeQuery()) {
                row.next();
            }
            takeToken.setDouble(1, tokens - 1);
            takeToken.setTimestamp(2, now);
            takeToken.setTimestamp(3, now);
            takeToken.setString(4, ACCOUNT);
            takeToken.executeUpdate();
        }

        private void lockJob(UUID job) throws SQLException {
            lockJob.setObject(1, job);
            try (ResultSet row = lockJob.executeQuery()) {
                row.next();
            }
        }

        private void recount(String jobs, Timestamp now) throws SQLException {
            recount.setTimestamp(1, now);
            recount.setString(2, jobs);
            recount.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** Ids as a {@code uuid[]} literal, as the runner binds them. */
    private static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
