package io.cachedjobs.execution;

import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.provider.EngineStatus;
import io.cachedjobs.provider.EngineStatuses;
import io.cachedjobs.webhook.WebhookEventType;
import io.cachedjobs.webhook.WebhookEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The engine accounts' limits and pauses, kept in PostgreSQL ({@code engine_accounts}) so that they
 * hold across every instance (docs/runner.md, "Limits and pauses"):
 *
 * <ul>
 *   <li>at most {@code max-concurrency} calls in flight: its provider keys' executions {@code
 *       running};
 *   <li>at most {@code requests-per-minute} calls a minute: a token bucket on the account's row that
 *       refills at rpm / 60 a second and holds at most a second's worth (at least one);
 *   <li>at most {@code daily-budget-usd} spent per UTC day ({@code engine_account_days}); spent, the
 *       account pauses until the next UTC day;
 *   <li>a pause: out of credit or a refused key (until an operator resumes it or its key changes),
 *       repeated overload, an engine's rate-limit wait, a spent budget (each until a time).
 * </ul>
 *
 * A claim decides under a lock on the account's row, so claims of one account are decided one at a
 * time, whichever instance makes them.
 */
@Component
class EngineAccounts implements EngineStatuses {

    private static final BigDecimal MICROS_PER_USD = BigDecimal.valueOf(1_000_000);

    /**
     * The pauses told to webhooks ({@code engine.paused}, {@code engine.resumed}): those that need
     * someone or last. A rate-limited or overloaded account's pause is the runner's own short wait,
     * frequent under load, and ends by itself.
     */
    private static final Set<String> ANNOUNCED_PAUSES = Set.of("out-of-credit", "refused-credentials", "daily-budget");

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Engines engines;
    private final EnginesProperties properties;
    private final RunnerProperties runner;
    private final Clock clock;
    private final WebhookEvents webhooks;

    EngineAccounts(
            JdbcClient jdbc,
            TransactionOperations transactions,
            Engines engines,
            EnginesProperties properties,
            RunnerProperties runner,
            Clock clock,
            WebhookEvents webhooks) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.engines = engines;
        this.properties = properties;
        this.runner = runner;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    /**
     * Whether a call may be sent now: empty when it may ({@code overloaded} tells whether the
     * account has overloaded answers in a row to forget once it answers), else when to look again.
     *
     * @param waitUntil null when admitted
     */
    record Admission(@Nullable Instant waitUntil, boolean overloaded) {

        boolean admitted() {
            return waitUntil == null;
        }
    }

    /** The account's row as a claim reads it. */
    private record Row(
            double tokens,
            Instant tokensAt,
            @Nullable String pauseReason,
            @Nullable Instant pausedUntil,
            @Nullable String pausedKey,
            int overloads) {}

    /**
     * Decides whether {@code engine}'s account takes one more call now, and if so takes a token of
     * its per-minute bucket. Runs inside the claim's transaction (it locks the account's row until
     * the claim commits, so that the calls counted in flight include every claim decided before).
     */
    Admission admit(Engines.Engine engine, Instant now) {
        // Most turned-away claims are for an account at its most calls in flight: seen without the
        // lock, they do not queue for it behind the claims that may go. The locked count decides.
        if (running(engine) >= engine.settings().maxConcurrency()) {
            return turnedAway(engine, now, false);
        }
        Row row = lockedRow(engine, now);
        if (row.pauseReason() != null) {
            if (stillPaused(row.pausedUntil(), row.pausedKey(), engine.settings(), now)) {
                Instant until = row.pausedUntil() == null ? now.plus(runner.pausedRetry()) : row.pausedUntil();
                return new Admission(min(until, now.plus(runner.pausedRetry())), row.overloads() > 0);
            }
            clearPause(engine.account(), now);
        }
        if (engine.settings().dailyBudgetUsd() != null && spentToday(engine.account(), now) >= budgetMicros(engine)) {
            Instant nextDay = day(now).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            pause(engine.account(), "daily-budget", "The account's daily budget is spent", nextDay, null, now);
            return new Admission(nextDay, row.overloads() > 0);
        }
        if (running(engine) >= engine.settings().maxConcurrency()) {
            return turnedAway(engine, now, row.overloads() > 0);
        }
        double perSecond = engine.settings().requestsPerMinute() / 60.0;
        double burst = burst(engine.settings());
        double elapsed = Math.max(0, Duration.between(row.tokensAt(), now).toNanos() / 1e9);
        double tokens = Math.min(burst, row.tokens() + elapsed * perSecond);
        if (tokens < 1) {
            long waitNanos = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
            return new Admission(now.plusNanos(waitNanos), row.overloads() > 0);
        }
        jdbc.sql("UPDATE engine_accounts SET tokens = :tokens, tokens_at = :now, updated_at = :now WHERE name = :name")
                .param("tokens", tokens - 1)
                .param("now", Timestamp.from(now))
                .param("name", engine.account())
                .update();
        return new Admission(null, row.overloads() > 0);
    }

    /**
     * Turns a claim away from an account at its most calls in flight: it waits {@code limit-wait}
     * (with jitter), and the account notes that executions wait for a slot, so that the next calls
     * to end bring them forward ({@link #released}). The note is written at most every quarter of
     * {@code limit-wait}; a claim that finds it fresh writes nothing and takes no lock.
     */
    private Admission turnedAway(Engines.Engine engine, Instant now, boolean overloaded) {
        jdbc.sql("""
                        UPDATE engine_accounts SET turned_away_at = :now
                        WHERE name = :name AND (turned_away_at IS NULL OR turned_away_at < :stale)""")
                .param("now", Timestamp.from(now))
                .param("stale", Timestamp.from(now.minus(runner.limitWait().dividedBy(4))))
                .param("name", engine.account())
                .update();
        return new Admission(now.plus(jittered(runner.limitWait())), overloaded);
    }

    /**
     * After one of {@code engine}'s calls left {@code running} (its result recorded, in that
     * transaction): if the account turned claims away for want of a slot lately (within two
     * {@code limit-wait}s), brings the best of the executions waiting (highest priority, then the
     * longest waiting) to now, so that the freed slot is taken at the next fetch rather than at
     * the end of that execution's {@code limit-wait}. Waiting executions so take freed slots
     * without retrying over and over; {@code limit-wait} is their fallback (a slot freed by a
     * worker that died). Two calls ending together may bring two forward for one slot: the second
     * is turned away again, which renews the note.
     *
     * @return whether an execution was brought forward
     */
    boolean released(Engines.Engine engine, Instant now) {
        return jdbc.sql("""
                        UPDATE scheduled_tasks SET execution_time = :now
                        WHERE task_name = :task AND NOT picked AND task_instance = (
                            SELECT s.task_instance FROM scheduled_tasks s
                            JOIN job_executions e
                                ON e.id = CASE WHEN s.task_name = :task THEN CAST(s.task_instance AS uuid) END
                            WHERE EXISTS (SELECT 1 FROM engine_accounts a
                                    WHERE a.name = :account AND a.turned_away_at > :since)
                                AND s.task_name = :task AND NOT s.picked AND s.execution_time > :now
                                AND e.status = 'pending' AND e.provider_key IN (:keys)
                            ORDER BY s.priority DESC, s.execution_time
                            LIMIT 1 FOR UPDATE OF s SKIP LOCKED)""")
                        .param("now", Timestamp.from(now))
                        .param("task", ExecutionStore.TASK_NAME)
                        .param("keys", engine.accountKeys())
                        .param("account", engine.account())
                        .param(
                                "since",
                                Timestamp.from(now.minus(runner.limitWait().multipliedBy(2))))
                        .update()
                > 0;
    }

    /** The account's calls in flight: its provider keys' executions running. */
    private int running(Engines.Engine engine) {
        return jdbc.sql("SELECT count(*) FROM job_executions WHERE status = 'running' AND provider_key IN (:keys)")
                .param("keys", engine.accountKeys())
                .query(Integer.class)
                .single();
    }

    /**
     * Pauses {@code account}: {@code until} null is until an operator resumes it or its key
     * changes. A pause never shortens another, nor replaces one without an end.
     *
     * @param key the account's key the pause is for (out of credit, refused): another key ends it
     */
    void pause(
            String account,
            String reason,
            @Nullable String message,
            @Nullable Instant until,
            @Nullable String key,
            Instant now) {
        transactions.executeWithoutResult(status -> {
            Optional<Optional<String>> before = jdbc.sql("""
                            UPDATE engine_accounts a SET pause_reason = :reason, pause_message = :message,
                                paused_at = :now, paused_until = :until, paused_key = :key, consecutive_overloads = 0,
                                updated_at = :now
                            FROM engine_accounts before
                            WHERE a.name = :name AND before.name = a.name AND (a.pause_reason IS NULL
                                OR (a.paused_until IS NOT NULL AND (CAST(:until AS timestamptz) IS NULL
                                    OR a.paused_until < CAST(:until AS timestamptz))))
                            RETURNING before.pause_reason""")
                    .param("reason", reason)
                    .param("message", message == null ? null : message.substring(0, Math.min(message.length(), 500)))
                    .param("now", Timestamp.from(now))
                    .param("until", until == null ? null : Timestamp.from(until))
                    .param("key", key == null ? null : fingerprint(key))
                    .param("name", account)
                    .query((row, index) -> Optional.ofNullable(row.getString("pause_reason")))
                    .optional();
            if (before.isPresent()
                    && ANNOUNCED_PAUSES.contains(reason)
                    && !before.get().equals(Optional.of(reason))) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("account", account);
                data.put("reason", reason);
                data.put("pausedUntil", until == null ? null : until.toString());
                webhooks.publish(WebhookEventType.ENGINE_PAUSED, null, data);
            }
        });
    }

    /** Pauses the account for the engine's refusal of its credit or key, until mended. */
    void refused(Engines.Engine engine, String reason, @Nullable String message, Instant now) {
        pause(engine.account(), reason, message, null, engine.settings().apiKey(), now);
    }

    /** The engine asked to wait: the whole account waits, on every instance. */
    void rateLimited(Engines.Engine engine, @Nullable String message, Duration wait, Instant now) {
        pause(engine.account(), "rate-limited", message, now.plus(wait), null, now);
    }

    /**
     * Counts an overloaded answer; {@code overload-pause-after} of them in a row pause the account
     * for {@code overload-pause}.
     */
    void overloaded(Engines.Engine engine, @Nullable String message, Instant now) {
        int inARow = transactions.execute(status -> jdbc.sql("""
                        UPDATE engine_accounts SET consecutive_overloads = consecutive_overloads + 1, updated_at = :now
                        WHERE name = :name RETURNING consecutive_overloads""")
                .param("now", Timestamp.from(now))
                .param("name", engine.account())
                .query(Integer.class)
                .optional()
                .orElse(0));
        if (inARow >= runner.overloadPauseAfter()) {
            pause(engine.account(), "overloaded", message, now.plus(runner.overloadPause()), null, now);
        }
    }

    /** The account answered: its overloaded answers in a row are forgotten. */
    void answered(Engines.Engine engine, Instant now) {
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        UPDATE engine_accounts SET consecutive_overloads = 0, updated_at = :now
                        WHERE name = :name AND consecutive_overloads > 0""")
                .param("now", Timestamp.from(now))
                .param("name", engine.account())
                .update());
    }

    /**
     * Counts a call and what it cost toward the account's day; run in the transaction that records
     * the call's result, so that each is counted once.
     */
    void spent(Engines.Engine engine, @Nullable Long costMicros, Instant now) {
        jdbc.sql("""
                        INSERT INTO engine_account_days AS d (account, day, calls, cost_micros) VALUES (:name, :day, 1, :cost)
                        ON CONFLICT (account, day) DO UPDATE SET calls = d.calls + 1, cost_micros = d.cost_micros + :cost""")
                .param("name", engine.account())
                .param("day", day(now))
                .param("cost", costMicros == null ? 0L : costMicros)
                .update();
    }

    @Override
    public Map<String, EngineStatus> statusesOf(List<String> providerKeys) {
        Map<String, EngineStatus> paused = pausedAccounts(clock.instant());
        Map<String, EngineStatus> statuses = new LinkedHashMap<>();
        for (String providerKey : providerKeys) {
            Optional<String> account = engines.accountOf(providerKey);
            statuses.put(
                    providerKey,
                    account.isEmpty() || !engines.configured(account.get())
                            ? EngineStatus.notConfigured(account.orElse(null))
                            : paused.getOrDefault(account.get(), working(account.get())));
        }
        return statuses;
    }

    @Override
    public EngineStatus resume(String account) {
        if (!properties.accounts().containsKey(account)) {
            throw NotFoundException.because(
                    "No engine account of that name is configured (cachedjobs.engines.accounts: "
                            + String.join(
                                    ", ", new TreeSet<>(properties.accounts().keySet())) + ")");
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> clearPause(account, now));
        return engines.configured(account)
                ? pausedAccounts(now).getOrDefault(account, working(account))
                : EngineStatus.notConfigured(account);
    }

    /** The configured accounts paused at {@code now}, by name: one read of the pauses. */
    private Map<String, EngineStatus> pausedAccounts(Instant now) {
        Map<String, EngineStatus> paused = new HashMap<>();
        jdbc.sql("""
                        SELECT name, pause_reason, pause_message, paused_at, paused_until, paused_key
                        FROM engine_accounts WHERE pause_reason IS NOT NULL""").query(row -> {
            String account = row.getString("name");
            EnginesProperties.Account settings = properties.accounts().get(account);
            Instant until = instant(row.getTimestamp("paused_until"));
            if (settings != null && stillPaused(until, row.getString("paused_key"), settings, now)) {
                paused.put(
                        account,
                        new EngineStatus(
                                account,
                                EngineStatus.State.PAUSED,
                                row.getString("pause_reason"),
                                row.getString("pause_message"),
                                instant(row.getTimestamp("paused_at")),
                                until));
            }
        });
        return paused;
    }

    private static EngineStatus working(String account) {
        return new EngineStatus(account, EngineStatus.State.WORKING, null, null, null, null);
    }

    /** A pause holds until its end, and one for a key holds only while that key is configured. */
    private static boolean stillPaused(
            @Nullable Instant pausedUntil,
            @Nullable String pausedKey,
            EnginesProperties.Account settings,
            Instant now) {
        boolean keyChanged = pausedKey != null
                && !pausedKey.equals(settings.apiKey() == null ? null : fingerprint(settings.apiKey()));
        boolean over = pausedUntil != null && !pausedUntil.isAfter(now);
        return !keyChanged && !over;
    }

    private Row lockedRow(Engines.Engine engine, Instant now) {
        Optional<Row> row = select(engine.account());
        if (row.isPresent()) {
            return row.get();
        }
        jdbc.sql("""
                        INSERT INTO engine_accounts (name, tokens, tokens_at, updated_at) VALUES (:name, :tokens, :now, :now)
                        ON CONFLICT (name) DO NOTHING""")
                .param("name", engine.account())
                .param("tokens", burst(engine.settings()))
                .param("now", Timestamp.from(now))
                .update();
        return select(engine.account()).orElseThrow();
    }

    private Optional<Row> select(String account) {
        return jdbc.sql("""
                        SELECT tokens, tokens_at, pause_reason, paused_until, paused_key, consecutive_overloads
                        FROM engine_accounts WHERE name = :name FOR UPDATE""")
                .param("name", account)
                .query((row, index) -> new Row(
                        row.getDouble("tokens"),
                        row.getTimestamp("tokens_at").toInstant(),
                        row.getString("pause_reason"),
                        instant(row.getTimestamp("paused_until")),
                        row.getString("paused_key"),
                        row.getInt("consecutive_overloads")))
                .optional();
    }

    /** Ends the account's pause; an announced one's end is announced, in the same transaction. */
    private void clearPause(String account, Instant now) {
        jdbc.sql("""
                        UPDATE engine_accounts a SET pause_reason = NULL, pause_message = NULL, paused_at = NULL,
                            paused_until = NULL, paused_key = NULL, consecutive_overloads = 0, updated_at = :now
                        FROM engine_accounts before
                        WHERE a.name = :name AND before.name = a.name AND a.pause_reason IS NOT NULL
                        RETURNING before.pause_reason""")
                .param("now", Timestamp.from(now))
                .param("name", account)
                .query(String.class)
                .optional()
                .filter(ANNOUNCED_PAUSES::contains)
                .ifPresent(reason -> {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("account", account);
                    data.put("reason", reason);
                    webhooks.publish(WebhookEventType.ENGINE_RESUMED, null, data);
                });
    }

    private long spentToday(String account, Instant now) {
        return jdbc.sql("SELECT cost_micros FROM engine_account_days WHERE account = :name AND day = :day")
                .param("name", account)
                .param("day", day(now))
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    private static long budgetMicros(Engines.Engine engine) {
        return engine.settings().dailyBudgetUsd().multiply(MICROS_PER_USD).longValue();
    }

    /** A second's worth of calls, at least one: a minute never holds more than rpm + rpm / 60. */
    private static double burst(EnginesProperties.Account settings) {
        return Math.max(1, settings.requestsPerMinute() / 60.0);
    }

    private static Duration jittered(Duration wait) {
        long millis = wait.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis + 1));
    }

    private static LocalDate day(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A key's fingerprint: enough to see that it changed, useless to call with. */
    private static String fingerprint(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
