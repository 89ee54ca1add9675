package io.cachedjobs.execution;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.cachedjobs.recurrence.ProjectRunService;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the projects whose recurrence is due: a recurring db-scheduler task (one instance runs it at
 * a time) that, every {@code cachedjobs.runner.recurrence-interval}, triggers each project due at the
 * round's start. Each run is guarded in the database, so it is made once even when two instances
 * happen to run a round at once.
 */
@Component
class RecurrenceTask {

    private static final Logger log = LoggerFactory.getLogger(RecurrenceTask.class);

    private final RecurringTask<Void> task;

    RecurrenceTask(ProjectRunService runs, RunnerProperties properties, Clock clock) {
        this.task = Tasks.recurring("run-project-recurrences", FixedDelay.of(properties.recurrenceInterval()))
                .execute((instance, context) -> {
                    List<ProjectRunService.ProjectRun> made = runs.runDue(clock.instant());
                    if (!made.isEmpty()) {
                        log.info("Ran the recurrence of {} projects", made.size());
                    }
                });
    }

    RecurringTask<Void> task() {
        return task;
    }
}
