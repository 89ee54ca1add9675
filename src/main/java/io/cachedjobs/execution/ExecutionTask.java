package io.cachedjobs.execution;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.cachedjobs.engine.EngineAnswer;
import io.cachedjobs.engine.EngineFailure;
import io.cachedjobs.engine.EngineQuestion;
import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.engine.SourceUrls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one execution to its engine: the db-scheduler task whose instance id is the execution's id.
 * db-scheduler gives it to one worker of one instance at a time and keeps its heartbeat while the
 * engine answers; a worker that stops mid-call is detected by its silent heartbeat and the
 * execution is sent again by another (its lost call counted as possibly billed).
 *
 * <p>Before it is sent, its engine account admits it ({@link EngineAccounts}: calls in flight, calls
 * a minute, daily budget, pauses), in the transaction that claims it. No thread sleeps through a
 * wait: a retry, a paused job, an account at its limit or paused, is the task rescheduled.
 */
@Component
class ExecutionTask {

    private static final Logger log = LoggerFactory.getLogger(ExecutionTask.class);

    private final ExecutionStore store;
    private final Engines engines;
    private final EngineAccounts accounts;
    private final PriceTable prices;
    private final TransactionOperations transactions;
    private final RunnerProperties properties;
    private final Clock clock;
    private final JsonMapper json;
    private final CustomTask<Void> task;
    private final ObjectProvider<Scheduler> scheduler;

    ExecutionTask(
            ExecutionStore store,
            Engines engines,
            EngineAccounts accounts,
            PriceTable prices,
            TransactionOperations transactions,
            RunnerProperties properties,
            Clock clock,
            JsonMapper json,
            ObjectProvider<Scheduler> scheduler) {
        this.store = store;
        this.engines = engines;
        this.accounts = accounts;
        this.prices = prices;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.json = json;
        this.scheduler = scheduler;
        this.task = Tasks.custom(ExecutionStore.TASK_NAME, Void.class).execute(this::execute);
    }

    /** What recording a result did: nothing (another attempt holds it), written, or written and a waiting execution woken. */
    private enum Recorded {
        NOT_WRITTEN,
        WRITTEN,
        WOKE_WAITING
    }

    /** What a claim got: an attempt to send, a time to look again, or nothing left to send. */
    private record Claim(
            @Nullable Integer attempt, @Nullable Instant waitUntil, boolean overloaded) {}

    CustomTask<Void> task() {
        return task;
    }

    private CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        UUID id = UUID.fromString(instance.getId());
        Optional<ExecutionStore.Execution> found = store.find(id);
        if (found.isEmpty()
                || found.get().status() == JobExecutionStatus.SUCCESS
                || found.get().status() == JobExecutionStatus.FAILED
                || !"active".equals(found.get().jobStatus())) {
            // Gone, done, or its job paused: a resumed job schedules its executions again.
            return done();
        }
        ExecutionStore.Execution execution = found.get();
        Optional<Engines.Engine> engine = engines.forProviderKey(execution.providerKey());
        if (engine.isEmpty()) {
            store.failUnsent(
                    execution,
                    "engine-not-configured",
                    "No account with an API key is configured for provider key " + execution.providerKey(),
                    clock.instant());
            return done();
        }
        Instant now = clock.instant();
        // The account's admission and the claim commit together: the account's row stays locked
        // until the claimed execution counts as running.
        Claim claim = transactions.execute(status -> {
            EngineAccounts.Admission admission = accounts.admit(engine.get(), now);
            if (!admission.admitted()) {
                return new Claim(null, admission.waitUntil(), false);
            }
            return new Claim(store.claim(execution, now).orElse(null), null, admission.overloaded());
        });
        if (claim.waitUntil() != null) {
            return at(claim.waitUntil());
        }
        if (claim.attempt() == null) {
            return done();
        }
        return send(execution, claim.attempt(), engine.get(), claim.overloaded());
    }

    private CompletionHandler<Void> send(
            ExecutionStore.Execution execution, int attempt, Engines.Engine engine, boolean overloaded) {
        Instant started = clock.instant();
        EngineQuestion question =
                new EngineQuestion(execution.model(), execution.query(), execution.language(), execution.country());
        ExecutionStore.Result result;
        try {
            EngineAnswer answer = engine.adapter().ask(question);
            Instant answered = clock.instant();
            int latency = (int) Duration.between(started, answered).toMillis();
            result = success(execution, answer, latency, answered);
        } catch (EngineFailure failure) {
            return failed(execution, attempt, engine, failure);
        } catch (RuntimeException unexpected) {
            // An adapter's bug, not the engine's doing: failed at once, to be seen, not retried.
            log.error("Execution {} failed unexpectedly", execution.id(), unexpected);
            result = error(JobExecutionStatus.FAILED, "internal-error", "The answer could not be read", true, true);
        }
        // Outside the try: a database that fails the record is not the answer's fault. The task
        // fails, db-scheduler runs it again, and its next attempt counts this call as possibly billed.
        recorded(execution, attempt, engine, result);
        if (overloaded && result.status() == JobExecutionStatus.SUCCESS) {
            accounts.answered(engine, clock.instant());
        }
        return done();
    }

    private CompletionHandler<Void> failed(
            ExecutionStore.Execution execution, int attempt, Engines.Engine engine, EngineFailure failure) {
        String type = failure.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Instant now = clock.instant();
        switch (failure.kind()) {
            case BAD_REQUEST -> {
                recorded(
                        execution,
                        attempt,
                        engine,
                        error(JobExecutionStatus.FAILED, type, failure.getMessage(), false, true));
                return done();
            }
            case OUT_OF_CREDIT, REFUSED_CREDENTIALS -> {
                // Not the execution's fault: it waits, pending, and its account pauses until mended.
                recorded(
                        execution,
                        attempt,
                        engine,
                        error(JobExecutionStatus.PENDING, type, failure.getMessage(), false, false));
                accounts.refused(engine, type, failure.getMessage(), now);
                return later(properties.pausedRetry());
            }
            default -> {
                if (failure.kind() == EngineFailure.Kind.RATE_LIMITED && failure.retryAfter() != null) {
                    accounts.rateLimited(engine, failure.getMessage(), failure.retryAfter(), now);
                } else if (failure.kind() == EngineFailure.Kind.OVERLOADED) {
                    accounts.overloaded(engine, failure.getMessage(), now);
                }
                boolean tooOld = Duration.between(execution.createdAt(), now).compareTo(properties.maxAge()) >= 0;
                if (attempt >= properties.maxAttempts() || tooOld) {
                    recorded(
                            execution,
                            attempt,
                            engine,
                            error(
                                    JobExecutionStatus.FAILED,
                                    type,
                                    failure.getMessage(),
                                    failure.possiblyBilled(),
                                    true));
                    return done();
                }
                recorded(
                        execution,
                        attempt,
                        engine,
                        error(
                                JobExecutionStatus.RETRYING,
                                type,
                                failure.getMessage(),
                                failure.possiblyBilled(),
                                false));
                return later(wait(attempt, failure.retryAfter()));
            }
        }
    }

    /**
     * The wait before attempt {@code attempt + 1}: the backoff doubled per attempt, with jitter (half
     * to all of it), capped; never less than the engine asked.
     */
    Duration wait(int attempt, Duration asked) {
        long base = properties.backoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, properties.maxBackoff().toMillis());
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        Duration backoff = Duration.ofMillis(jittered);
        return asked != null && asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    /**
     * Records what the attempt got, and counts the call toward its account's day, in one
     * transaction: a result another attempt took over is neither written nor counted.
     */
    private void recorded(
            ExecutionStore.Execution execution, int attempt, Engines.Engine engine, ExecutionStore.Result result) {
        Instant now = clock.instant();
        Recorded outcome = transactions.execute(status -> {
            if (!store.record(execution, attempt, result, now)) {
                return Recorded.NOT_WRITTEN;
            }
            accounts.spent(engine, result.costMicros(), now);
            return accounts.released(engine, now) ? Recorded.WOKE_WAITING : Recorded.WRITTEN;
        });
        if (outcome == Recorded.WOKE_WAITING) {
            // The execution brought forward to take the freed slot runs at this instance's next
            // fetch, now rather than at its polling interval.
            scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions);
        }
        if (outcome == Recorded.NOT_WRITTEN) {
            log.warn(
                    "Execution {}: attempt {} no longer holds it (another worker took it over); its result is dropped",
                    execution.id(),
                    attempt);
        }
    }

    private ExecutionStore.Result success(
            ExecutionStore.Execution execution, EngineAnswer answer, int latencyMs, Instant answered) {
        Map<String, Map<String, Object>> sources = new LinkedHashMap<>();
        for (EngineSource source : answer.sources()) {
            String url = SourceUrls.clean(source.url());
            Map<String, Object> stored = sources.get(url);
            if (stored == null) {
                stored = new LinkedHashMap<>();
                stored.put("url", url);
                stored.put("domain", SourceUrls.host(url));
                stored.put("title", source.title());
                stored.put("cited", source.cited());
                if (source.redirectUrl() != null) {
                    stored.put("redirectUrl", source.redirectUrl());
                }
                sources.put(url, stored);
            } else if (source.cited()) {
                stored.put("cited", true);
            }
        }
        ExecutionStore.Usage usage = new ExecutionStore.Usage(
                answer.usage().inputTokens(),
                answer.usage().cachedInputTokens(),
                answer.usage().outputTokens(),
                answer.usage().reasoningTokens(),
                answer.usage().searchCalls());
        return new ExecutionStore.Result(
                JobExecutionStatus.SUCCESS,
                answer.text(),
                answer.noAnswerReason(),
                json.writeValueAsString(List.copyOf(sources.values())),
                json.writeValueAsString(answer.searchQueries()),
                usage,
                cost(execution, answer, answered),
                latencyMs,
                null,
                null,
                answer.raw(),
                false,
                true);
    }

    /** The engine's own figure where it states one, else the price table's; null when neither knows. */
    private @Nullable Long cost(ExecutionStore.Execution execution, EngineAnswer answer, Instant answered) {
        if (answer.statedCostMicros() != null) {
            return answer.statedCostMicros();
        }
        return prices.costMicros(execution.model(), LocalDate.ofInstant(answered, ZoneOffset.UTC), answer.usage())
                .orElse(null);
    }

    private static ExecutionStore.Result error(
            JobExecutionStatus status, String type, String message, boolean possiblyBilled, boolean finished) {
        return new ExecutionStore.Result(
                status, null, null, null, null, null, null, null, type, message, null, possiblyBilled, finished);
    }

    private static CompletionHandler<Void> done() {
        return new CompletionHandler.OnCompleteRemove<>();
    }

    private CompletionHandler<Void> later(Duration wait) {
        return at(clock.instant().plus(wait));
    }

    private static CompletionHandler<Void> at(Instant when) {
        return (complete, operations) -> operations.reschedule(complete, when);
    }
}
