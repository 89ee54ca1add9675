package io.cachedjobs.analysis;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The background derivation ({@link AnswerDerivation}) as a db-scheduler recurring task: one instance
 * runs a round at a time, every {@code cachedjobs.analysis.derive-interval}. The runner's scheduler
 * runs it (execution/RunnerConfiguration), so an instance whose runner is off derives nothing.
 */
@Component
@EnableConfigurationProperties(AnalysisProperties.class)
public class DeriveAnswersTask {

    private static final Logger log = LoggerFactory.getLogger(DeriveAnswersTask.class);

    private final RecurringTask<Void> task;

    DeriveAnswersTask(AnswerDerivation derivation, AnalysisProperties properties) {
        this.task = Tasks.recurring("derive-answers", FixedDelay.of(properties.deriveInterval()))
                .execute((instance, context) -> {
                    int derived = derivation.deriveDue();
                    if (derived > 0) {
                        log.debug("Derived {} answers again", derived);
                    }
                });
    }

    public RecurringTask<Void> task() {
        return task;
    }
}
