package io.cachedjobs.bench;

import static io.cachedjobs.bench.Stats.median;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The runner's three figures (issue 13), on a service of its own with its runner on, its Anthropic
 * account pointing at a {@link StubEngine}:
 *
 * <ol>
 *   <li>executions completed per second with a stub answering at once, against the same claims and
 *       writes in plain SQL ({@link ExecutionFloor}) in the same run, in alternating rounds;
 *   <li>with a stub answering in 500 ms and the account limited to 20 calls at once: executions
 *       per second (target 40) and the most calls the stub held at once (target: never above 20);
 *   <li>the service's live heap at {@code -Xmx256m} while 50,000 executions run (target: flat; the
 *       issue's 100,000 with {@code -Dbench.runner.memoryJobs=10000}, which took 18 minutes on 2
 *       busy cores).
 * </ol>
 *
 * <p>The service and the floor each have a database of their own on the benchmark's PostgreSQL,
 * so that neither runs the other's jobs; each job asks one model ({@code anthropic}) ten times.
 */
final class RunnerPhase {

    /** Executions per job ({@code -Dbench.runner.executionsPerJob}: how many record side by side on one job's row). */
    private static final int EXECUTIONS_PER_JOB = Integer.getInteger("bench.runner.executionsPerJob", 10);
    /** Queries of each database's project; jobs are made from them in turn. */
    private static final int QUERIES = 1_000;

    /** The service's workers for figures 1 and 3, and the floor's connections. */
    private static final int WORKERS = Integer.getInteger("bench.runner.workers", 8);
    /** Jobs per round of figure 1 (ten executions each). */
    private static final int ROUND_JOBS = Integer.getInteger("bench.runner.roundJobs", 300);

    private static final int WARM_UP_ROUNDS = 2;
    private static final int ROUNDS = 5;

    /** The account's limit of figure 2, and the stub's delay: 20 calls of 500 ms at once, 40 a second. */
    private static final int LIMIT = 20;

    private static final Duration SLOW = Duration.ofMillis(500);
    private static final double LIMITED_TARGET = LIMIT * 1000.0 / SLOW.toMillis();
    /**
     * The service's workers for figure 2: more than the limit, so that the account's max-concurrency
     * is what holds the calls to 20 ({@code -Dbench.runner.limitedWorkers=20}: the workers alone).
     */
    private static final int LIMITED_WORKERS = Integer.getInteger("bench.runner.limitedWorkers", 32);

    /** Figure 2's jobs: 1,200 executions a round. */
    private static final int LIMITED_JOBS = 1_200 / EXECUTIONS_PER_JOB;

    private static final int LIMITED_ROUNDS = 3;

    /** Jobs of figure 3 (ten executions each): about ten minutes on 2 busy cores. */
    private static final int MEMORY_JOBS = Integer.getInteger("bench.runner.memoryJobs", 5_000);

    private static final Duration MEMORY_SAMPLE = Duration.ofSeconds(5);
    private static final Duration MEMORY_DEADLINE = Duration.ofMinutes(20);
    /** Samples the report lists at most. */
    private static final int SERIES = 24;
    /** Flat: the median of the last third of the samples at most this much above the first third's. */
    private static final double FLAT = 1.2;

    private static final Duration ROUND_DEADLINE = Duration.ofMinutes(10);

    private final JdbcConnectionDetails server;
    private final BenchReport report;

    /** @param server the benchmark's PostgreSQL (its {@code postgres} database) */
    RunnerPhase(JdbcConnectionDetails server, BenchReport report) {
        this.server = server;
        this.report = report;
    }

    void run() throws Exception {
        JdbcConnectionDetails serviceDb = database("runner");
        JdbcConnectionDetails floorDb = database("runner_floor");
        // Migrated here, as the service migrates its own at start, so that both can be seeded first.
        for (JdbcConnectionDetails db : List.of(serviceDb, floorDb)) {
            Flyway.configure()
                    .dataSource(db.getJdbcUrl(), db.getUsername(), db.getPassword())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        }
        BenchData data;
        try (Connection connection = BenchData.connect(serviceDb)) {
            data = BenchData.seed(connection);
        }
        try (StubEngine stub = StubEngine.start()) {
            if (figure("throughput") || figure("memory")) {
                try (ServiceProcess service = ServiceProcess.start(
                                "bench-runner-service", serviceDb, settings(stub, WORKERS, Math.max(100, WORKERS)));
                        Connection connection = BenchData.connect(serviceDb);
                        Connection floorConnection = BenchData.connect(floorDb)) {
                    if (figure("throughput")) {
                        UUID project = data.project(connection, "Runner", QUERIES);
                        UUID floorProject =
                                BenchData.seed(floorConnection).project(floorConnection, "Runner floor", QUERIES);
                        CpuUse cpu =
                                CpuUse.available() ? new CpuUse(service.pid(), BenchData.backendPid(connection)) : null;
                        throughput(service, stub, connection, project, floorDb, floorConnection, floorProject, cpu);
                    }
                    if (figure("memory")) {
                        memory(service, connection, data.project(connection, "Runner memory", QUERIES));
                    }
                }
            }
            if (figure("limit")) {
                try (ServiceProcess service = ServiceProcess.start(
                                "bench-runner-limited-service", serviceDb, settings(stub, LIMITED_WORKERS, LIMIT));
                        Connection connection = BenchData.connect(serviceDb)) {
                    limited(service, stub, connection, data.project(connection, "Runner limited", QUERIES));
                }
            }
        }
    }

    /**
     * Whether the run asks for this figure: {@code -Dbench.phases=runner} for all three, or {@code
     * runner.throughput}, {@code runner.memory}, {@code runner.limit} for some.
     */
    private static boolean figure(String name) {
        return TriggerBenchmark.phase("runner") || TriggerBenchmark.phase("runner." + name);
    }

    /** Whether the run asks for any of the runner's figures. */
    static boolean requested() {
        return figure("throughput") || figure("memory") || figure("limit");
    }

    /** The runner on, polling often (a round's first executions wait for a poll), its account on the stub. */
    private static List<String> settings(StubEngine stub, int workers, int maxConcurrency) {
        return List.of(
                "--cachedjobs.runner.enabled=true",
                "--cachedjobs.runner.workers=" + workers,
                "--cachedjobs.runner.polling-interval=" + System.getProperty("bench.runner.pollingInterval", "100ms"),
                "--cachedjobs.runner.start-interval=100ms",
                "--cachedjobs.runner.limit-wait=" + System.getProperty("bench.runner.limitWait", "5s"),
                "--cachedjobs.engines.accounts.anthropic.base-url=" + stub.baseUrl(),
                "--cachedjobs.engines.accounts.anthropic.api-key=bench-anthropic-key",
                "--cachedjobs.engines.accounts.anthropic.max-concurrency=" + maxConcurrency,
                "--cachedjobs.engines.accounts.anthropic.requests-per-minute=1000000",
                "--cachedjobs.engines.accounts.anthropic.timeout=30s");
    }

    // ---------------------------------------------------------------- figure 1: throughput against the floor

    private void throughput(
            ServiceProcess service,
            StubEngine stub,
            Connection connection,
            UUID project,
            JdbcConnectionDetails floorDb,
            Connection floorConnection,
            UUID floorProject,
            CpuUse cpu)
            throws Exception {
        int executions = ROUND_JOBS * EXECUTIONS_PER_JOB;
        stub.answerAfter(Duration.ZERO);
        List<Double> serviceRates = new ArrayList<>();
        List<Double> floorRates = new ArrayList<>();
        List<Double> serviceCpu = new ArrayList<>();
        List<Double> serviceDatabaseCpu = new ArrayList<>();
        List<Double> floorDatabaseCpu = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        ExecutionFloor floor = null;
        long sent = 0;
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            CpuUse.Seconds before = cpu == null ? null : cpu.now();
            long start = seedJobs(connection, project, ROUND_JOBS);
            awaitEnded(service, connection, project);
            double serviceRate = executions / ((System.nanoTime() - start) / 1e9);
            CpuUse.Seconds serviceUse = cpu == null ? null : cpu.now().minus(before);
            sent += stub.takeCounts().calls();
            if (floor == null) {
                floor = new ExecutionFloor(floorDb, WORKERS, ExecutionFloor.Answer.recordedIn(connection));
            }
            before = cpu == null ? null : cpu.now();
            start = seedJobs(floorConnection, floorProject, ROUND_JOBS);
            int floorRan = floor.run();
            double floorRate = executions / ((System.nanoTime() - start) / 1e9);
            CpuUse.Seconds floorUse = cpu == null ? null : cpu.now().minus(before);
            require(floorRan == executions, "the floor ran " + floorRan + " executions, not " + executions);
            String cpuColumns = cpu == null
                    ? ""
                    : String.format(
                            Locale.ROOT,
                            " %.2f | %.2f | %.2f |",
                            serviceUse.service() * 1000 / executions,
                            serviceUse.database() * 1000 / executions,
                            floorUse.database() * 1000 / executions);
            boolean warmUp = round < WARM_UP_ROUNDS;
            System.out.printf(
                    Locale.ROOT,
                    "runner round %d: service %.0f, floor %.0f executions/s%n",
                    round,
                    serviceRate,
                    floorRate);
            rows.add(String.format(
                            Locale.ROOT,
                            "| %s | %.0f | %.0f | %.2f |",
                            warmUp ? "warm-up " + (round + 1) : Integer.toString(round - WARM_UP_ROUNDS + 1),
                            serviceRate,
                            floorRate,
                            serviceRate / floorRate)
                    + cpuColumns);
            if (!warmUp) {
                serviceRates.add(serviceRate);
                floorRates.add(floorRate);
                if (cpu != null) {
                    serviceCpu.add(serviceUse.service() * 1000 / executions);
                    serviceDatabaseCpu.add(serviceUse.database() * 1000 / executions);
                    floorDatabaseCpu.add(floorUse.database() * 1000 / executions);
                }
            }
        }
        long total = (long) (WARM_UP_ROUNDS + ROUNDS) * executions;
        requireAllSucceeded(connection, project, total);
        require(sent == total, "the stub answered " + sent + " calls for " + total + " executions");

        report.line("## Runner: executions per second, stub engine answering at once");
        report.line("");
        report.line(String.format(
                Locale.ROOT,
                "%d rounds after %d of warm-up, each %,d jobs x %d executions (%,d), the service then the floor; "
                        + "the service with %d workers, the floor on %d connections.",
                ROUNDS,
                WARM_UP_ROUNDS,
                ROUND_JOBS,
                EXECUTIONS_PER_JOB,
                executions,
                WORKERS,
                WORKERS));
        report.line("");
        report.line("| round | service executions/s | floor executions/s | service / floor |"
                + (cpu == null ? "" : " service CPU ms per execution | PostgreSQL's, service | PostgreSQL's, floor |"));
        report.line("|---|---:|---:|---:|" + (cpu == null ? "" : "---:|---:|---:|"));
        rows.forEach(report::line);
        double ratio = median(serviceRates) / median(floorRates);
        report.line(String.format(
                        Locale.ROOT,
                        "| **median** | **%.0f** | **%.0f** | **%.2f** |",
                        median(serviceRates),
                        median(floorRates),
                        ratio)
                + (cpu == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " %.2f | %.2f | %.2f |",
                                median(serviceCpu),
                                median(serviceDatabaseCpu),
                                median(floorDatabaseCpu))));
        report.line("");
        report.line("Service: from the jobs' insert (pending) to the last one ended, every execution sent once to the "
                + "stub and recorded. Floor: the same jobs started and run by the runner's statements in plain SQL "
                + "from the benchmark (ExecutionFloor), in a database of its own, writing the answer the service "
                + "recorded.");
        report.line("");
        report.verdict(
                ratio >= 0.5,
                String.format(
                        Locale.ROOT,
                        "runner, stub answering at once: %.0f executions/s, %.0f%% of the floor's %.0f (>= 50%%; "
                                + "medians of %d rounds, service / floor per round %s)",
                        median(serviceRates),
                        ratio * 100,
                        median(floorRates),
                        ROUNDS,
                        ratios(serviceRates, floorRates)));
    }

    private static String ratios(List<Double> service, List<Double> floor) {
        List<String> each = new ArrayList<>();
        for (int i = 0; i < service.size(); i++) {
            each.add(String.format(Locale.ROOT, "%.2f", service.get(i) / floor.get(i)));
        }
        return String.join(", ", each);
    }

    // ---------------------------------------------------------------- figure 2: an account's limit

    private void limited(ServiceProcess service, StubEngine stub, Connection connection, UUID project)
            throws Exception {
        int executions = LIMITED_JOBS * EXECUTIONS_PER_JOB;
        stub.answerAfter(SLOW);
        stub.takeCounts();
        List<Double> atStub = new ArrayList<>();
        List<Double> endToEnd = new ArrayList<>();
        int maxInFlight = 0;
        List<String> rows = new ArrayList<>();
        // One round of warm-up (the second service's code compiled by the JIT), then the rounds counted.
        for (int round = -1; round < LIMITED_ROUNDS; round++) {
            long start = seedJobs(connection, project, LIMITED_JOBS);
            awaitEnded(service, connection, project);
            double seconds = (System.nanoTime() - start) / 1e9;
            StubEngine.Counts counts = stub.takeCounts();
            require(
                    counts.calls() == executions,
                    "the stub answered " + counts.calls() + " calls for " + executions + " executions");
            if (round >= 0) {
                atStub.add(counts.perSecond());
                endToEnd.add(executions / seconds);
            }
            maxInFlight = Math.max(maxInFlight, counts.maxInFlight());
            Slots slots = slots(connection, project);
            System.out.printf(
                    Locale.ROOT,
                    "runner limited round %d: %.1f executions/s, %d at once; %s%n",
                    round,
                    counts.perSecond(),
                    counts.maxInFlight(),
                    slots);
            rows.add(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %d | %.0f | %.0f | %.1f |",
                    round < 0 ? "warm-up" : String.valueOf(round + 1),
                    counts.perSecond(),
                    executions / seconds,
                    counts.maxInFlight(),
                    slots.heldMs(),
                    slots.callMs(),
                    slots.meanHeld()));
        }
        stub.answerAfter(Duration.ZERO);
        requireAllSucceeded(connection, project, (long) (LIMITED_ROUNDS + 1) * executions);
        String heldBy = LIMITED_WORKERS <= LIMIT
                ? LIMITED_WORKERS + " workers (no more than the limit: the workers hold the calls to " + LIMIT + ")"
                : LIMITED_WORKERS + " workers (more than the limit: the account's max-concurrency holds the calls)";

        report.line("## Runner: an account limited to " + LIMIT + " calls at once, stub answering in " + SLOW.toMillis()
                + " ms");
        report.line("");
        report.line(String.format(
                Locale.ROOT,
                "%d rounds after one of warm-up, each %,d jobs x %d executions (%,d); max-concurrency %d, the service with %s.",
                LIMITED_ROUNDS,
                LIMITED_JOBS,
                EXECUTIONS_PER_JOB,
                executions,
                LIMIT,
                heldBy));
        report.line("");
        report.line("| round | executions/s at the stub | executions/s, insert to last ended | most calls at once "
                + "| claim to result, median ms | engine call, median ms | claims held on average |");
        report.line("|---|---:|---:|---:|---:|---:|---:|");
        rows.forEach(report::line);
        double rate = median(atStub);
        report.line(String.format(
                Locale.ROOT,
                "| **median** | **%.1f** | **%.1f** | **%d** (max) | | | |",
                rate,
                median(endToEnd),
                maxInFlight));
        report.line("");
        report.line("At the stub: calls answered from the first call's arrival to the last answer (a round's "
                + "start and end, where fewer calls run, are in it). Most calls at once: counted by the stub from a "
                + "call's arrival to its answer's start, a span inside the one the service holds the call for. "
                + "Claim to result: an execution's started_at to its finished_at (the account's slot it held); engine "
                + "call: its latency_ms; claims held on average: the sum of those spans over the round's span (20 "
                + "would be every slot always taken).");
        report.line("");
        report.verdict(
                Math.abs(rate - LIMITED_TARGET) <= 0.1 * LIMITED_TARGET && maxInFlight <= LIMIT,
                String.format(
                        Locale.ROOT,
                        "runner, account limited to %d at once, stub answering in %d ms: %.1f executions/s (%.0f "
                                + "+/- 10%%), at most %d calls at once (<= %d); %s",
                        LIMIT,
                        SLOW.toMillis(),
                        rate,
                        LIMITED_TARGET,
                        maxInFlight,
                        LIMIT,
                        heldBy));
    }

    // ---------------------------------------------------------------- figure 3: memory

    private record Sample(double seconds, long done, long liveMb) {}

    private void memory(ServiceProcess service, Connection connection, UUID project) throws Exception {
        long total = (long) MEMORY_JOBS * EXECUTIONS_PER_JOB;
        long idle = service.liveHeapMb();
        long gcFrom = service.gcLogSize();
        boolean rssReset = service.resetPeakRss();
        List<Sample> samples = new ArrayList<>();
        long start = seedJobs(connection, project, MEMORY_JOBS);
        long deadline = start + MEMORY_DEADLINE.toNanos();
        long done = 0;
        for (long next = start + MEMORY_SAMPLE.toNanos(); done < total && System.nanoTime() < deadline; ) {
            long wait = (next - System.nanoTime()) / 1_000_000;
            if (wait > 0) {
                Thread.sleep(wait);
            }
            next += MEMORY_SAMPLE.toNanos();
            require(service.alive(), "the service stopped; see " + service.log());
            long live = service.liveHeapMb();
            done = executionsEnded(connection, project);
            samples.add(new Sample((System.nanoTime() - start) / 1e9, done, live));
            System.out.printf(Locale.ROOT, "runner memory: %,d of %,d ended, %d MB live%n", done, total, live);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = service.heapPeakMb(gcFrom);
        long rss = service.peakRssKb();
        boolean completed = done == total;
        if (completed) {
            requireAllSucceeded(connection, project, total);
        } else {
            // Paused, so that no later service runs what is left of them.
            try (PreparedStatement pause = connection.prepareStatement(
                    "UPDATE cached_jobs SET status = 'inactive' WHERE project_id = ? AND status IN ('pending', 'active')")) {
                pause.setObject(1, project);
                pause.executeUpdate();
            }
        }

        int third = Math.max(1, samples.size() / 3);
        List<Double> first =
                samples.subList(0, third).stream().map(s -> (double) s.liveMb()).toList();
        List<Double> last = samples.subList(samples.size() - third, samples.size()).stream()
                .map(s -> (double) s.liveMb())
                .toList();
        Sample middle = samples.get(samples.size() / 2);
        long max = samples.stream().mapToLong(Sample::liveMb).max().orElse(-1);
        boolean flat = samples.size() >= 3 && median(last) <= FLAT * median(first);

        report.line(String.format(
                Locale.ROOT,
                "## Runner: memory at -Xmx256m while %,d executions run (%,d jobs x %d), stub answering at once",
                total,
                MEMORY_JOBS,
                EXECUTIONS_PER_JOB));
        report.line("");
        report.line(String.format(
                Locale.ROOT,
                "%s in %.0f s (%.0f executions/s), %d workers. Live heap: what a full collection of the service "
                        + "(`jcmd GC.run`) leaves, every %d s; %d MB idle before the jobs were inserted.",
                completed
                        ? String.format(Locale.ROOT, "All %,d ended", total)
                        : String.format(Locale.ROOT, "%,d of %,d ended (deadline)", done, total),
                seconds,
                done / seconds,
                WORKERS,
                MEMORY_SAMPLE.toSeconds(),
                idle));
        report.line("");
        report.line("| | at s | executions ended | live heap MB |");
        report.line("|---|---:|---:|---:|");
        report.line(sampleRow("start", samples.get(0)));
        report.line(sampleRow("middle", middle));
        report.line(sampleRow("end", samples.get(samples.size() - 1)));
        report.line(String.format(
                Locale.ROOT,
                "| first third's median / last third's median / max | | | %.0f / %.0f / %d |",
                median(first),
                median(last),
                max));
        report.line("");
        report.line((samples.size() <= SERIES
                        ? "Every sample's live heap, MB: "
                        : SERIES + " samples evenly spread, MB: ")
                + series(samples).stream().map(s -> Long.toString(s.liveMb())).collect(Collectors.joining(", "))
                + String.format(
                        Locale.ROOT,
                        ". Heap peak before a collection: %d MB; RSS peak: %d MB%s.",
                        peak,
                        rss / 1024,
                        rssReset ? "" : " (since start)"));
        report.line("");
        report.verdict(
                completed && flat,
                String.format(
                        Locale.ROOT,
                        "runner memory at -Xmx256m over %,d executions%s: live heap %d MB at the start, %d MB in the "
                                + "middle, %d MB at the end, %d MB at most; the last third's median %.0f MB against "
                                + "the first third's %.0f MB (flat: <= %.0f%% of it)",
                        done,
                        completed ? "" : " (of " + total + ": not all ended by the deadline)",
                        samples.get(0).liveMb(),
                        middle.liveMb(),
                        samples.get(samples.size() - 1).liveMb(),
                        max,
                        median(last),
                        median(first),
                        FLAT * 100));
    }

    /** The samples to print: all, or {@link #SERIES} of them evenly spread, the first and last among them. */
    private static List<Sample> series(List<Sample> samples) {
        if (samples.size() <= SERIES) {
            return samples;
        }
        List<Sample> spread = new ArrayList<>();
        for (int i = 0; i < SERIES; i++) {
            spread.add(samples.get((int) Math.round(i * (samples.size() - 1) / (SERIES - 1.0))));
        }
        return spread;
    }

    private static String sampleRow(String name, Sample sample) {
        return String.format(
                Locale.ROOT, "| %s | %.0f | %,d | %d |", name, sample.seconds(), sample.done(), sample.liveMb());
    }

    // ---------------------------------------------------------------- jobs and databases

    /**
     * {@code jobs} pending jobs of the project, each asking one of its queries of {@code anthropic} ten times, as a trigger would have made them.
     *
     * @return {@link System#nanoTime()} once they are committed
     */
    /**
     * Where an account's slot went in a round, from the executions' own times: the median time from
     * claim ({@code started_at}) to recorded result ({@code finished_at}), the median engine call
     * ({@code latency_ms}) inside it, and the claims held at once on average over the round.
     */
    record Slots(double heldMs, double callMs, double meanHeld) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "claim to result %.0f ms (engine call %.0f ms), %.1f claims held on average",
                    heldMs,
                    callMs,
                    meanHeld);
        }
    }

    private static Slots slots(Connection connection, UUID project) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                WITH r AS (
                    SELECT e.started_at, e.finished_at, e.latency_ms
                    FROM job_executions e JOIN cached_jobs j ON j.id = e.cached_job_id
                    WHERE j.project_id = ?
                      AND e.finished_at >= (SELECT max(created_at) FROM cached_jobs WHERE project_id = ?))
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)) * 1000,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms),
                       sum(extract(epoch FROM finished_at - started_at))
                           / nullif(extract(epoch FROM max(finished_at) - min(started_at)), 0)
                FROM r""")) {
            query.setObject(1, project);
            query.setObject(2, project);
            try (var rows = query.executeQuery()) {
                rows.next();
                return new Slots(rows.getDouble(1), rows.getDouble(2), rows.getDouble(3));
            }
        }
    }

    private static long seedJobs(Connection connection, UUID project, int jobs) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO cached_jobs (id, project_id, query_id, query_text, language, country, ai_models,
                    provider_keys, execution_count, status, restricted, run_id, created_at, updated_at)
                SELECT bench_uuid_v7(t), q.project_id, q.id, q.query_text, q.language, q.country,
                    ARRAY['claude-haiku-4-5']::varchar[], ARRAY['anthropic']::varchar[], ?, 'pending', false,
                    NULL, t, t
                FROM generate_series(0, ? - 1) r
                JOIN (SELECT id, project_id, query_text, language, country,
                          row_number() OVER (ORDER BY created_at, id) - 1 AS n
                      FROM queries WHERE project_id = ?) q ON q.n = r % ?
                CROSS JOIN LATERAL (SELECT now() + r * interval '1 microsecond' AS t) times""")) {
            insert.setInt(1, EXECUTIONS_PER_JOB);
            insert.setInt(2, jobs);
            insert.setObject(3, project);
            insert.setInt(4, QUERIES);
            require(insert.executeUpdate() == jobs, "seeded a wrong number of jobs");
        }
        return System.nanoTime();
    }

    /** Waits until every job of the project has ended. */
    private static void awaitEnded(ServiceProcess service, Connection connection, UUID project) throws Exception {
        long deadline = System.nanoTime() + ROUND_DEADLINE.toNanos();
        try (PreparedStatement open = connection.prepareStatement(
                "SELECT count(*) FROM cached_jobs WHERE project_id = ? AND status <> 'ended'")) {
            open.setObject(1, project);
            while (true) {
                try (ResultSet rows = open.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
                require(service.alive(), "the service stopped; see " + service.log());
                require(System.nanoTime() < deadline, "the jobs did not end in " + ROUND_DEADLINE);
                Thread.sleep(20);
            }
        }
    }

    private static long executionsEnded(Connection connection, UUID project) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT coalesce(sum(success_executions + failed_executions), 0) FROM cached_jobs WHERE project_id = ?")) {
            count.setObject(1, project);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void requireAllSucceeded(Connection connection, UUID project, long expected) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FILTER (WHERE status = 'success'), count(*) FROM job_executions WHERE project_id = ?")) {
            count.setObject(1, project);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                require(
                        rows.getLong(1) == expected && rows.getLong(2) == expected,
                        rows.getLong(1) + " of " + rows.getLong(2) + " executions succeeded, " + expected
                                + " expected");
            }
        }
    }

    /** A database of this name on the benchmark's PostgreSQL, empty. */
    private JdbcConnectionDetails database(String name) throws SQLException {
        try (Connection connection = BenchData.connect(server);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        String url = server.getJdbcUrl().replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
        require(!url.equals(server.getJdbcUrl()), "cannot tell the database in " + server.getJdbcUrl());
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return server.getUsername();
            }

            @Override
            public String getPassword() {
                return server.getPassword();
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
