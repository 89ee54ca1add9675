package io.cachedjobs.execution;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts pending cached jobs: a recurring db-scheduler task (one instance runs it at a time) that
 * makes the executions of up to a batch of jobs per round, until none is pending.
 */
@Component
class StartJobsTask {

    private static final Logger log = LoggerFactory.getLogger(StartJobsTask.class);

    private final RecurringTask<Void> task;

    StartJobsTask(ExecutionStore store, RunnerProperties properties, Clock clock) {
        this.task = Tasks.recurring("start-cached-jobs", FixedDelay.of(properties.startInterval()))
                .execute((instance, context) -> {
                    List<UUID> started;
                    do {
                        started = store.startPendingJobs(properties.startBatch(), clock.instant());
                        if (!started.isEmpty()) {
                            log.debug("Started {} cached jobs", started.size());
                        }
                    } while (started.size() == properties.startBatch());
                });
    }

    RecurringTask<Void> task() {
        return task;
    }
}
