package io.cachedjobs.recurrence;

import io.cachedjobs.cachedjob.CachedJobService;
import io.cachedjobs.project.DueRun;
import io.cachedjobs.project.ProjectSchedule;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the projects whose recurrence is due, as the API's trigger would with {@code {}}: one project
 * per transaction, which claims it ({@code FOR UPDATE SKIP LOCKED}), writes its guard row in {@code
 * project_runs} ({@code UNIQUE (project_id, scheduled_for)}), triggers it and moves its next run on,
 * or does none of it. Any number of instances may call it at once: each due run is made once.
 *
 * <p>A run whose trigger fails (a project whose providers are no longer in the catalogue, a bug) is
 * rolled back, then recorded as failed, with its reason, and skipped: the project's next run is its
 * next scheduled time, and the other projects run meanwhile. If even that record cannot be written
 * (the database is away), the failure is thrown and the run stays due for the next round.
 */
@Service
public class ProjectRunService {

    private static final Logger log = LoggerFactory.getLogger(ProjectRunService.class);

    /** Projects given a next run per round, of those made before next runs were stored. */
    private static final int SCHEDULE_BATCH = 100;

    /** The longest failure reason kept (characters). */
    private static final int FAILURE_LENGTH = 1000;

    private final ProjectSchedule schedule;
    private final CachedJobService jobs;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ProjectRunService(
            ProjectSchedule schedule,
            CachedJobService jobs,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager) {
        this.schedule = schedule;
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** How a due run ended. */
    public enum Outcome {
        /** Its jobs were triggered (none for a project without queries). */
        TRIGGERED,
        /** Its guard row was there already: it ran before; only the next run moved on. */
        ALREADY_RAN,
        /** Its trigger failed: recorded as failed, skipped. */
        FAILED,
        /** Its trigger failed, and another transaction took it over meanwhile. */
        TAKEN_OVER
    }

    /**
     * One due run and how it ended.
     *
     * @param runId the trigger's run id, the {@code run_id} of the jobs it made; null unless triggered
     * @param jobs jobs made
     */
    public record ProjectRun(
            DueRun due, Outcome outcome, @Nullable UUID runId, int jobs) {}

    /**
     * One round: gives up to a hundred projects that have an active recurrence but no next run
     * theirs, then runs every project due at {@code now}, one transaction each, until none is left.
     *
     * @return the runs made, in the order they were made
     * @throws org.springframework.dao.DataAccessException when the database failed; the runs made
     *     before stay made, the others stay due
     */
    public List<ProjectRun> runDue(Instant now) {
        // A batch a round, not a loop until none is left: a project whose recurrence has no next run
        // would stay in every batch.
        Integer scheduled = transactions.execute(status -> schedule.scheduleUnscheduled(now, SCHEDULE_BATCH));
        if (scheduled != null && scheduled > 0) {
            log.info("Gave {} projects with an active recurrence their next run", scheduled);
        }
        List<ProjectRun> runs = new ArrayList<>();
        for (Optional<ProjectRun> run = runNextDue(now); run.isPresent(); run = runNextDue(now)) {
            runs.add(run.get());
        }
        return runs;
    }

    /**
     * Runs the project whose next run is the earliest at or before {@code now}, if any: claims it,
     * writes its guard row, triggers it with its own settings and moves its next run to the first
     * strictly after {@code now} (runs missed while the service was down make this one run), its
     * {@code lastRunAt} to the time it was due; all in one transaction.
     *
     * @return how the run ended, or empty when no project is due
     */
    public Optional<ProjectRun> runNextDue(Instant now) {
        AtomicReference<DueRun> claimed = new AtomicReference<>();
        try {
            return transactions.execute(status -> schedule.claimNextDue(now).map(due -> {
                claimed.set(due);
                return run(due, now);
            }));
        } catch (RuntimeException failure) {
            DueRun due = claimed.get();
            if (due == null) {
                throw failure;
            }
            log.warn(
                    "The recurrence of project {} failed its run due at {}; skipped until its next run",
                    due.projectId(),
                    due.scheduledFor(),
                    failure);
            return Optional.of(transactions.execute(status -> skip(due, now, failure)));
        }
    }

    private ProjectRun run(DueRun due, Instant now) {
        int guarded = jdbc.sql("""
                        INSERT INTO project_runs (project_id, scheduled_for, created_at)
                        VALUES (:project, :scheduledFor, :now) ON CONFLICT DO NOTHING""")
                .param("project", due.projectId())
                .param("scheduledFor", Timestamp.from(due.scheduledFor()))
                .param("now", Timestamp.from(now))
                .update();
        if (guarded == 0) {
            schedule.advance(due, now, false);
            return new ProjectRun(due, Outcome.ALREADY_RAN, null, 0);
        }
        CachedJobService.TriggeredRun triggered = jobs.triggerOnSchedule(due.scope());
        jdbc.sql("""
                        UPDATE project_runs SET run_id = :run, jobs = :jobs
                        WHERE project_id = :project AND scheduled_for = :scheduledFor""")
                .param("run", triggered.runId())
                .param("jobs", triggered.jobs())
                .param("project", due.projectId())
                .param("scheduledFor", Timestamp.from(due.scheduledFor()))
                .update();
        schedule.advance(due, now, true);
        log.debug("Project {} ran for {}: {} jobs", due.projectId(), due.scheduledFor(), triggered.jobs());
        return new ProjectRun(due, Outcome.TRIGGERED, triggered.runId(), triggered.jobs());
    }

    /** After a failed run, in a transaction of its own: records the failure and moves the next run on. */
    private ProjectRun skip(DueRun due, Instant now, RuntimeException failure) {
        if (schedule.claimAgain(due).isEmpty()) {
            return new ProjectRun(due, Outcome.TAKEN_OVER, null, 0);
        }
        jdbc.sql("""
                        INSERT INTO project_runs (project_id, scheduled_for, failure, created_at)
                        VALUES (:project, :scheduledFor, :failure, :now) ON CONFLICT DO NOTHING""")
                .param("project", due.projectId())
                .param("scheduledFor", Timestamp.from(due.scheduledFor()))
                .param("failure", reason(failure))
                .param("now", Timestamp.from(now))
                .update();
        schedule.advance(due, now, false);
        return new ProjectRun(due, Outcome.FAILED, null, 0);
    }

    private static String reason(Throwable failure) {
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return message.length() <= FAILURE_LENGTH ? message : message.substring(0, FAILURE_LENGTH);
    }
}
