package io.cachedjobs.execution;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import io.cachedjobs.analysis.DeriveAnswersTask;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runner: db-scheduler's core, wired here (its Boot 4 starter is not served). Its table comes
 * from Flyway; it polls PostgreSQL for due executions with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED}, highest priority first (an organisation's place in the queue, see {@code
 * ExecutionStore}), so any number of instances share the work. It starts once the application is ready and
 * stops, letting running executions finish, on shutdown. Other features' one-time tasks (a webhook's
 * delivery) are beans of db-scheduler's {@code Task} type, run by the same scheduler.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RunnerProperties.class, EnginesProperties.class})
class RunnerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Scheduler scheduler(
            DataSource dataSource,
            RunnerProperties properties,
            ExecutionTask executions,
            StartJobsTask starts,
            RecurrenceTask recurrences,
            DeriveAnswersTask derivations,
            ObjectProvider<Task<?>> otherFeaturesTasks) {
        List<Task<?>> tasks = new ArrayList<>(List.of(executions.task()));
        otherFeaturesTasks.orderedStream().forEach(tasks::add);
        return Scheduler.create(dataSource, tasks)
                .startTasks(starts.task(), recurrences.task(), derivations.task())
                .threads(properties.workers())
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .pollUsingLockAndFetch(0.99, 1.0)
                .enablePriority()
                .enableImmediateExecution()
                .build();
    }

    /**
     * Starts the scheduler after every other bean (the web server included), stops it first; not at
     * all where {@code cachedjobs.runner.enabled} is false.
     */
    @Bean
    SmartLifecycle schedulerLifecycle(Scheduler scheduler, RunnerProperties properties) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (properties.enabled()) {
                    scheduler.start();
                }
                running = true;
            }

            @Override
            public void stop() {
                if (properties.enabled()) {
                    scheduler.stop();
                }
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE - 1000;
            }
        };
    }
}
