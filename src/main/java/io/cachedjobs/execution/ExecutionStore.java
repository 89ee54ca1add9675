package io.cachedjobs.execution;

import io.cachedjobs.analysis.AnswerAnalysis;
import io.cachedjobs.common.LowerCaseEnum;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.webhook.WebhookEventType;
import io.cachedjobs.webhook.WebhookEvents;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The runner's writes, in plain SQL: starting cached jobs (their executions and their tasks),
 * claiming an execution for an attempt, and recording what the attempt got. Each change of an
 * execution is one transaction that first locks its cached job's row, then recounts the job's
 * executions by status and ends the job when none is left to run: the lock orders concurrent
 * changes of one job, so the last one always counts every other.
 *
 * <p>A result is written only {@code WHERE attempt = :attempt AND status = 'running'}: a worker
 * whose execution was taken over (its heartbeat stopped, another worker sent it again) records
 * nothing.
 */
@Component
class ExecutionStore {

    static final String TASK_NAME = "job-execution";

    /** Jobs to start: pending, oldest first; one instance each (rows another has locked are skipped). */
    private static final String CLAIM_JOBS = """
            SELECT id FROM cached_jobs WHERE status = 'pending'
            ORDER BY created_at, id LIMIT :batch FOR UPDATE SKIP LOCKED""";

    /**
     * One execution per model (its provider key beside it) and run number; ids follow the jobs'
     * order, then the models', then the run numbers'. A job resumed after it started has its
     * executions already: the conflict leaves them be.
     */
    private static final String MAKE_EXECUTIONS = """
            INSERT INTO job_executions (id, cached_job_id, project_id, organisation_id, query_id, query_text,
                language, country, model, provider_key, execution_number, status, created_at, updated_at)
            SELECT %s, x.id, x.project_id, x.organisation_id, x.query_id, x.query_text, x.language, x.country,
                x.model, x.provider_key, x.n, 'pending', :now, :now
            FROM (SELECT j.*, p.organisation_id, m.model, m.provider_key, n,
                      :first + row_number() OVER (ORDER BY j.created_at, j.id, m.i, n) - 1 AS time_and_counter
                  FROM cached_jobs j
                  JOIN projects p ON p.id = j.project_id
                  CROSS JOIN LATERAL unnest(j.ai_models, j.provider_keys) WITH ORDINALITY AS m(model, provider_key, i)
                  CROSS JOIN generate_series(1, j.execution_count) AS n
                  WHERE j.id = ANY(CAST(:jobs AS uuid[]))) x
            ON CONFLICT (cached_job_id, provider_key, execution_number) DO NOTHING""".formatted(UuidV7.sql("x.time_and_counter"));

    /**
     * A task for every execution of these jobs that is still to be sent, with its place in the
     * queue: an organisation's n-th execution waiting to run has priority {@code 80 - floor(log2
     * n)} (80 for its first, 64 from its 65,536th on), and higher priorities run first. A newcomer's
     * few executions so pass a large backlog of another organisation's, which still runs whenever
     * no one else waits: no organisation starves the others. (db-scheduler's own recurring tasks
     * have priority 90.)
     */
    private static final String SCHEDULE = """
            WITH todo AS (
                SELECT e.id, e.organisation_id,
                    row_number() OVER (PARTITION BY e.organisation_id ORDER BY e.id) AS rank,
                    count(*) OVER (PARTITION BY e.organisation_id) AS in_batch
                FROM job_executions e
                WHERE e.cached_job_id = ANY(CAST(:jobs AS uuid[])) AND e.status IN ('pending', 'retrying')),
            backlog AS (
                SELECT o.organisation_id, (SELECT count(*) FROM (SELECT 1 FROM job_executions w
                        WHERE w.organisation_id = o.organisation_id AND w.status IN ('pending', 'running', 'retrying')
                        LIMIT 65536) x) AS waiting
                FROM (SELECT DISTINCT organisation_id FROM todo) o)
            INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
            SELECT '%s', t.id::text, :now, false, 1,
                greatest(64, 80 - floor(log(2, greatest(1, b.waiting - t.in_batch + t.rank)::numeric)))
            FROM todo t JOIN backlog b ON b.organisation_id = t.organisation_id
            ON CONFLICT (task_name, task_instance) DO NOTHING""".formatted(TASK_NAME);

    private static final String ACTIVATE = """
            UPDATE cached_jobs SET status = 'active', updated_at = :now WHERE id = ANY(CAST(:jobs AS uuid[]))""";

    /**
     * The jobs' executions by status, and each one's end when none is left to run: ended, with its
     * outcome and cost. Run after the jobs' rows are locked, in the transaction that changed their
     * executions.
     */
    private static final String RECOUNT = """
            WITH changed AS (
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
                    updated_at = :now
                FROM (SELECT cached_job_id, count(*) AS total,
                          count(*) FILTER (WHERE status = 'pending') AS pending,
                          count(*) FILTER (WHERE status = 'running') AS running,
                          count(*) FILTER (WHERE status = 'retrying') AS retrying,
                          count(*) FILTER (WHERE status = 'success') AS success,
                          count(*) FILTER (WHERE status = 'failed') AS failed,
                          sum(cost_micros) AS cost
                      FROM job_executions WHERE cached_job_id = ANY(CAST(:jobs AS uuid[])) GROUP BY cached_job_id) c,
                    cached_jobs before
                WHERE j.id = c.cached_job_id AND before.id = j.id
                RETURNING j.id, j.project_id, j.run_id, j.outcome, j.success_executions, j.failed_executions,
                    j.cost_micros, before.status = 'active' AND j.status = 'ended' AS ended)
            SELECT c.id, c.project_id, p.organisation_id, c.run_id, c.outcome, c.success_executions,
                c.failed_executions, c.cost_micros
            FROM changed c JOIN projects p ON p.id = c.project_id
            WHERE c.ended
            ORDER BY c.id""";

    /**
     * A run's jobs by how they stand, read under a lock of the run (a transaction-scoped advisory
     * lock), so that of two jobs of one run ending at once, the second to take the lock sees the
     * first's end, and exactly one sees the run complete.
     */
    private static final String RUN = """
            SELECT count(*) AS jobs, count(*) FILTER (WHERE status <> 'ended') AS open,
                count(*) FILTER (WHERE outcome = 'completed') AS completed,
                count(*) FILTER (WHERE outcome = 'partial_failed') AS partial_failed,
                count(*) FILTER (WHERE outcome = 'failed') AS failed,
                coalesce(sum(success_executions), 0) AS success_executions,
                coalesce(sum(failed_executions), 0) AS failed_executions,
                sum(cost_micros) AS cost_micros,
                EXISTS (SELECT 1 FROM project_runs r WHERE r.run_id = :run) AS recurrence
            FROM cached_jobs WHERE run_id = :run""";

    private static final String LOCK_JOB = "SELECT status FROM cached_jobs WHERE id = :job FOR UPDATE";

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final AnswerAnalysis analysis;
    private final WebhookEvents webhooks;

    ExecutionStore(
            JdbcClient jdbc, TransactionOperations transactions, AnswerAnalysis analysis, WebhookEvents webhooks) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.analysis = analysis;
        this.webhooks = webhooks;
    }

    /**
     * Starts up to {@code batch} pending cached jobs: makes their executions, schedules a task for
     * each one still to be sent, and makes them active; one transaction.
     *
     * @return the jobs started
     */
    List<UUID> startPendingJobs(int batch, Instant now) {
        return transactions.execute(status -> {
            List<UUID> jobs =
                    jdbc.sql(CLAIM_JOBS).param("batch", batch).query(UUID.class).list();
            if (jobs.isEmpty()) {
                return jobs;
            }
            String ids = uuidArray(jobs);
            Timestamp at = Timestamp.from(now);
            long first = UuidV7.nextTimeAndCounter();
            int made = jdbc.sql(MAKE_EXECUTIONS)
                    .param("jobs", ids)
                    .param("now", at)
                    .param("first", first)
                    .update();
            UuidV7.madeUpTo(first + Math.max(made, 1) - 1);
            jdbc.sql(SCHEDULE).param("jobs", ids).param("now", at).update();
            jdbc.sql(ACTIVATE).param("jobs", ids).param("now", at).update();
            recount(ids, now);
            return jobs;
        });
    }

    /** An execution as the runner needs it, and its job's status. */
    record Execution(
            UUID id,
            UUID cachedJobId,
            UUID projectId,
            UUID organisationId,
            String jobStatus,
            JobExecutionStatus status,
            int attempt,
            String providerKey,
            String model,
            String query,
            String language,
            String country,
            Instant createdAt) {}

    Optional<Execution> find(UUID id) {
        return jdbc.sql("""
                        SELECT e.id, e.cached_job_id, e.project_id, e.organisation_id, j.status AS job_status, e.status, e.attempt, e.provider_key,
                            e.model, e.query_text, e.language, e.country, e.created_at
                        FROM job_executions e JOIN cached_jobs j ON j.id = e.cached_job_id WHERE e.id = :id""")
                .param("id", id)
                .query((row, index) -> new Execution(
                        row.getObject("id", UUID.class),
                        row.getObject("cached_job_id", UUID.class),
                        row.getObject("project_id", UUID.class),
                        row.getObject("organisation_id", UUID.class),
                        row.getString("job_status"),
                        LowerCaseEnum.of(JobExecutionStatus.class, row.getString("status")),
                        row.getInt("attempt"),
                        row.getString("provider_key"),
                        row.getString("model"),
                        row.getString("query_text"),
                        row.getString("language"),
                        row.getString("country"),
                        row.getTimestamp("created_at").toInstant()))
                .optional();
    }

    /**
     * Takes the execution for a new attempt: running, its attempt counted. One found running already
     * was taken by a worker that stopped mid-call: that call's answer is lost, and counted as
     * possibly billed.
     *
     * @return the new attempt's number, or empty when the execution is no longer to be sent
     */
    Optional<Integer> claim(Execution execution, Instant now) {
        return changeInJob(
                execution,
                now,
                () -> jdbc.sql("""
                            UPDATE job_executions SET status = 'running', attempt = attempt + 1,
                                possibly_billed_calls = possibly_billed_calls
                                    + CASE WHEN status = 'running' THEN 1 ELSE 0 END,
                                started_at = coalesce(started_at, :now), updated_at = :now
                            WHERE id = :id AND status IN ('pending', 'retrying', 'running')
                            RETURNING attempt""")
                        .param("id", execution.id())
                        .param("now", Timestamp.from(now))
                        .query(Integer.class)
                        .optional());
    }

    /** What an attempt ends with: the columns it sets on its execution. */
    record Result(
            JobExecutionStatus status,
            @Nullable String answer,
            @Nullable String noAnswerReason,
            @Nullable String sourcesJson,
            @Nullable String searchQueriesJson,
            @Nullable Usage usage,
            @Nullable Long costMicros,
            @Nullable Integer latencyMs,
            @Nullable String errorType,
            @Nullable String errorMessage,
            @Nullable String raw,
            boolean possiblyBilled,
            boolean finished) {}

    /** Tokens and searches, as stored. */
    record Usage(long input, long cachedInput, long output, long reasoning, int searchCalls) {}

    /**
     * Records what attempt {@code attempt} got, if it still holds the execution; a success's answer is
     * analysed in the same transaction (what it says of the project's entities, its sources).
     *
     * @return false when another attempt holds it now (nothing was written)
     */
    boolean record(Execution execution, int attempt, Result result, Instant now) {
        Usage usage = result.usage();
        return changeInJob(
                        execution,
                        now,
                        () -> written(jdbc.sql("""
                            UPDATE job_executions SET status = :status, answer = :answer,
                                no_answer_reason = :reason, sources = CAST(:sources AS jsonb),
                                search_queries = CAST(:searches AS jsonb), input_tokens = :input,
                                cached_input_tokens = :cachedInput, output_tokens = :output,
                                reasoning_tokens = :reasoning, search_calls = :searchCalls, cost_micros = :cost,
                                latency_ms = :latency, error_type = :errorType, error_message = :errorMessage,
                                raw_answer = coalesce(:raw, raw_answer),
                                possibly_billed_calls = possibly_billed_calls + :billed,
                                finished_at = CASE WHEN :finished THEN CAST(:now AS timestamptz) END,
                                updated_at = :now
                            WHERE id = :id AND attempt = :attempt AND status = 'running'""")
                                        .param("status", result.status().value())
                                        .param("answer", result.answer())
                                        .param("reason", result.noAnswerReason())
                                        .param("sources", result.sourcesJson())
                                        .param("searches", result.searchQueriesJson())
                                        .param("input", usage == null ? null : usage.input())
                                        .param("cachedInput", usage == null ? null : usage.cachedInput())
                                        .param("output", usage == null ? null : usage.output())
                                        .param("reasoning", usage == null ? null : usage.reasoning())
                                        .param("searchCalls", usage == null ? null : usage.searchCalls())
                                        .param("cost", result.costMicros())
                                        .param("latency", result.latencyMs())
                                        .param("errorType", result.errorType())
                                        .param("errorMessage", result.errorMessage())
                                        .param("raw", result.raw())
                                        .param("billed", result.possiblyBilled() ? 1 : 0)
                                        .param("finished", result.finished())
                                        .param("now", Timestamp.from(now))
                                        .param("id", execution.id())
                                        .param("attempt", attempt)
                                        .update())
                                .map(written -> {
                                    if (result.status() == JobExecutionStatus.SUCCESS) {
                                        analysis.recorded(execution.id());
                                    }
                                    if (result.status() == JobExecutionStatus.FAILED) {
                                        failed(execution, attempt, result.errorType());
                                    }
                                    return written;
                                }))
                .isPresent();
    }

    /**
     * Fails an execution that was never sent (its engine has no account configured): it holds no
     * attempt, so it is written whatever its attempt, unless it has finished meanwhile.
     */
    void failUnsent(Execution execution, String errorType, String message, Instant now) {
        changeInJob(
                execution,
                now,
                () -> written(jdbc.sql("""
                            UPDATE job_executions SET status = 'failed', error_type = :type, error_message = :message,
                                finished_at = :now, updated_at = :now
                            WHERE id = :id AND status IN ('pending', 'retrying')""")
                                .param("type", errorType)
                                .param("message", message)
                                .param("now", Timestamp.from(now))
                                .param("id", execution.id())
                                .update())
                        .map(written -> {
                            failed(execution, execution.attempt(), errorType);
                            return written;
                        }));
    }

    /** An execution failed for good: its webhook, in the transaction that recorded it. */
    private void failed(Execution execution, int attempt, @Nullable String errorType) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobExecutionId", execution.id());
        data.put("cachedJobId", execution.cachedJobId());
        data.put("projectId", execution.projectId());
        data.put("providerKey", execution.providerKey());
        data.put("model", execution.model());
        data.put("attempt", attempt);
        data.put("errorType", errorType);
        webhooks.publish(WebhookEventType.JOB_EXECUTION_FAILED, execution.organisationId(), data);
    }

    /**
     * One change of an execution, in a transaction of its own: its job's row is locked first, and
     * the job's executions are recounted when the change wrote something.
     */
    private <T> Optional<T> changeInJob(Execution execution, Instant now, Supplier<Optional<T>> change) {
        return transactions.execute(status -> {
            String job = uuidArray(List.of(execution.cachedJobId()));
            jdbc.sql(LOCK_JOB)
                    .param("job", execution.cachedJobId())
                    .query(String.class)
                    .optional();
            Optional<T> changed = change.get();
            changed.ifPresent(written -> recount(job, now));
            return changed;
        });
    }

    /** A one-row update's outcome: present when it wrote its row. */
    private static Optional<Boolean> written(int rows) {
        return rows == 1 ? Optional.of(Boolean.TRUE) : Optional.empty();
    }

    /**
     * Recounts the jobs' executions, and reports, in the same transaction, each job that this ends
     * ({@code cached_job.ended}) and each run whose last job this ends ({@code run.completed}).
     */
    private void recount(String jobs, Instant now) {
        List<Map<String, Object>> ended = jdbc.sql(RECOUNT)
                .param("jobs", jobs)
                .param("now", Timestamp.from(now))
                .query()
                .listOfRows();
        Map<UUID, UUID> runs = new TreeMap<>();
        for (Map<String, Object> job : ended) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("cachedJobId", job.get("id"));
            data.put("projectId", job.get("project_id"));
            data.put("runId", job.get("run_id"));
            data.put("outcome", job.get("outcome"));
            data.put("successExecutions", job.get("success_executions"));
            data.put("failedExecutions", job.get("failed_executions"));
            data.put("costMicros", job.get("cost_micros"));
            UUID organisation = (UUID) job.get("organisation_id");
            webhooks.publish(WebhookEventType.CACHED_JOB_ENDED, organisation, data);
            if (job.get("run_id") != null) {
                runs.put((UUID) job.get("run_id"), organisation);
            }
        }
        // In the runs' order, so that two transactions never wait on each other's run locks.
        runs.forEach((run, organisation) -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .param("key", "run:" + run)
                    .query()
                    .listOfRows();
            Map<String, Object> counts = jdbc.sql(RUN).param("run", run).query().singleRow();
            if (((Number) counts.get("open")).longValue() == 0) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("runId", run);
                data.put(
                        "projectId",
                        ended.stream()
                                .filter(job -> run.equals(job.get("run_id")))
                                .findFirst()
                                .orElseThrow()
                                .get("project_id"));
                data.put("trigger", Boolean.TRUE.equals(counts.get("recurrence")) ? "recurrence" : "api");
                data.put("jobs", counts.get("jobs"));
                data.put("completedJobs", counts.get("completed"));
                data.put("partialFailedJobs", counts.get("partial_failed"));
                data.put("failedJobs", counts.get("failed"));
                data.put("successExecutions", counts.get("success_executions"));
                data.put("failedExecutions", counts.get("failed_executions"));
                data.put("costMicros", counts.get("cost_micros"));
                webhooks.publishOnce(WebhookEventType.RUN_COMPLETED, organisation, "run.completed:" + run, data);
            }
        });
    }

    /** Ids as a {@code uuid[]} literal: a Java array or list would be expanded into a list of parameters. */
    private static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }
}
