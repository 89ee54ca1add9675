package io.cachedjobs.bench;

import static io.cachedjobs.bench.Stats.median;
import static io.cachedjobs.bench.Stats.spread;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The benchmark: the service's trigger and reads beside what PostgreSQL itself needs for the same
 * rows (issue 5), and the runner's executions beside the same claims and writes in plain SQL (issue
 * 13, {@link RunnerPhase}), on one embedded PostgreSQL, in one run. Run by {@code ./mvnw -Pbench
 * verify}; the class name keeps it out of the plain test run (surefire picks up {@code *Test} and
 * {@code *Tests} only).
 */
class TriggerBenchmark {

    private static final String TRIGGER_BODY =
            "{\"aiModels\":[\"openai\",\"anthropic\",\"google-generative-ai\"],\"executionCount\":3}";
    private static final byte[] TRIGGER_BODY_BYTES = TRIGGER_BODY.getBytes(StandardCharsets.UTF_8);
    private static final String LIST_BODY =
            "{\"status\":[\"pending\"],\"sort\":[{\"field\":\"createdAt\",\"direction\":\"DESC\"}]}";
    private static final String COLUMNS = "id, project_id, query_id, query_text, language, country, ai_models, "
            + "provider_keys, execution_count, status, restricted, run_id, created_at, updated_at";
    /** The three keys' model names, and the keys beside them, as the service writes them. */
    private static final String MODELS = "ARRAY['gpt-4.1-mini','claude-haiku-4-5','gemini-2.5-flash']::varchar[], "
            + "ARRAY['openai','anthropic','google-generative-ai']::varchar[]";
    /**
     * The floor: what the trigger writes, made by the database alone from the project's queries.
     * gen_random_uuid() stands for the service's UUID v7 (PostgreSQL 17 has no v7 function), and
     * the models are the names the three keys map to.
     */
    private static final String FLOOR_INSERT = "INSERT INTO cached_jobs (" + COLUMNS + ") "
            + "SELECT gen_random_uuid(), q.project_id, q.id, q.query_text, q.language, q.country, "
            + MODELS + ", 3, 'pending', false, gen_random_uuid(), "
            + "date_trunc('milliseconds', now()), date_trunc('milliseconds', now()) "
            + "FROM queries q WHERE q.project_id = ? AND q.deleted_at IS NULL ORDER BY q.created_at, q.id "
            + "RETURNING *";

    /** The service's rate limits here: out of the benchmark's reach, every call still takes its token. */
    private static final long LIMIT_PER_SECOND = 1_000_000;

    private static final long LIMIT_BURST = 1_000_000;
    private static final long LIMIT_PER_HOUR = 1_000_000_000;

    private static final int CONCURRENT_CLIENTS = 16;
    private static final int SMALL_PROJECT = 25;
    /** How long each load runs in a turn, warming up or measured. */
    private static final Duration LOAD_ROUND = Duration.ofSeconds(10);

    private static final int LOAD_ROUNDS = 3;

    private static final int WARM_UP_TURNS_MIN = 2;
    private static final int WARM_UP_TURNS_MAX = 12;
    /** Where /proc does not tell how much the service compiles. */
    private static final int WARM_UP_TURNS_BLIND = 6;
    /** The service is warm once its JIT compilers use less than this share of its CPU over a turn's triggers. */
    private static final double WARM_COMPILING = 0.02;

    private final BenchReport report = new BenchReport();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private JdbcConnectionDetails db;
    /** The CPU used by the service, PostgreSQL and this driver; null where the machine does not tell. */
    private CpuUse cpu;

    private ServiceProcess service;
    private BenchData data;

    @Test
    void run() throws Exception {
        long started = System.nanoTime();
        db = TestDatabase.embedded(null);
        report.line("# cached-jobs benchmark");
        report.line("");
        report.line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", service at -Xmx256m in its own JVM, "
                + "embedded PostgreSQL 17 on the same machine. Times are medians [min-max] in ms.");
        report.line("");
        if (phase("trigger") || phase("load") || phase("reads")) {
            service = ServiceProcess.start(
                    "bench-service",
                    db,
                    List.of(
                            // Every call still takes its key's token (the real path, one round trip),
                            // but the benchmark calls faster than a client may: the limits are set out
                            // of its reach.
                            "--cachedjobs.rate-limit.per-second=" + LIMIT_PER_SECOND,
                            "--cachedjobs.rate-limit.burst=" + LIMIT_BURST,
                            "--cachedjobs.rate-limit.per-hour=" + LIMIT_PER_HOUR));
            try (Connection connection = BenchData.connect(db)) {
                cpu = CpuUse.available() ? new CpuUse(service.pid(), BenchData.backendPid(connection)) : null;
                data = BenchData.seed(connection);
                if (phase("trigger")) {
                    triggers(connection);
                }
                if (phase("load")) {
                    concurrentLoad(connection);
                }
                if (phase("reads")) {
                    reads(connection);
                }
                serviceMetrics();
            } finally {
                service.close();
            }
        }
        if (RunnerPhase.requested()) {
            // A service of its own, with its runner on, on databases of its own.
            new RunnerPhase(db, report).run();
        }
        report.finish(
                "## Targets (issues 5 and 13)",
                String.format(Locale.ROOT, "Benchmark run time: %.0f s", (System.nanoTime() - started) / 1e9),
                Path.of("target", "bench-results.md"));
    }

    /**
     * {@code -Dbench.phases=trigger,load,reads,runner} runs some of them only, e.g. while profiling
     * one ({@code runner.throughput}, {@code runner.memory}, {@code runner.limit}: one of the runner's
     * figures).
     */
    static boolean phase(String name) {
        return List.of(System.getProperty("bench.phases", "trigger,load,reads,runner")
                        .split(","))
                .contains(name);
    }

    // ---------------------------------------------------------------- 1-4: one trigger, three sizes

    private void triggers(Connection connection) throws Exception {
        int[] sizes = {1_000, 10_000, 100_000};
        int[] repetitions = {5, 5, 3};
        UUID[] projects = new UUID[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            projects[i] = data.project(connection, "Trigger " + sizes[i], sizes[i]);
        }
        // Warm-up: lets both JIT compilers and PostgreSQL's caches reach a steady state first.
        for (int i = 0; i < 5; i++) {
            trigger(projects[0], sizes[0]);
            floor(connection, projects[0], sizes[0]);
        }
        trigger(projects[1], sizes[1]);
        floor(connection, projects[1], sizes[1]);

        report.line("## Trigger: one project, three provider keys, executionCount 3");
        report.line("");
        report.line("| queries | service ms | of which write (to first byte) | of which answer (first to last byte) "
                + "| floor ms | service / floor | jobs/s service | jobs/s floor | answer MB "
                + "| heap peak before GC | heap live mid-answer | RSS peak |");
        report.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        long liveAtTenThousand = -1;
        for (int i = 0; i < sizes.length; i++) {
            long gcFrom = service.gcLogSize();
            boolean rssReset = service.resetPeakRss();
            List<Double> total = new ArrayList<>();
            List<Double> headers = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            long bytes = 0;
            // Service and floor alternate, so that both see the table at the same size.
            for (int r = 0; r < repetitions[i]; r++) {
                Timing timing = trigger(projects[i], sizes[i]);
                total.add(timing.totalMs);
                headers.add(timing.headersMs);
                bytes = timing.bytes;
                floor.add(floor(connection, projects[i], sizes[i]));
            }
            long peakHeap = service.heapPeakMb(gcFrom);
            long rss = service.peakRssKb();
            long live = liveMidAnswer(projects[i], bytes, null);
            double ratio = median(total) / median(floor);
            report.line(String.format(
                    Locale.ROOT,
                    "| %,d | %s | %.0f | %.0f | %s | **%.2f** | %,.0f | %,.0f | %.1f | %s | %s | %s%s |",
                    sizes[i],
                    spread(total),
                    median(headers),
                    median(total) - median(headers),
                    spread(floor),
                    ratio,
                    sizes[i] / (median(total) / 1000),
                    sizes[i] / (median(floor) / 1000),
                    bytes / 1e6,
                    peakHeap < 0 ? "no GC" : peakHeap + " MB",
                    live + " MB",
                    rss / 1024 + " MB",
                    rssReset ? "" : " (since start)"));
            if (sizes[i] == 10_000) {
                liveAtTenThousand = live;
                report.verdict(
                        ratio <= 1.5,
                        String.format(Locale.ROOT, "trigger 10,000: service / floor %.2f (<= 1.5)", ratio));
            } else if (sizes[i] == 100_000) {
                // The target also asks that memory not grow with the number of jobs (a streamed
                // answer): the live heap mid-answer may not exceed twice that of the 10,000 trigger.
                // A trigger with an Idempotency-Key keeps a reference to its jobs, not its answer: it
                // must stream as well.
                long keyed = liveMidAnswer(projects[i], bytes, "bench-" + UUID.randomUUID());
                boolean flat = live <= 2 * liveAtTenThousand && keyed <= 2 * liveAtTenThousand;
                report.verdict(
                        ratio <= 2.0 && flat,
                        String.format(
                                Locale.ROOT,
                                "trigger 100,000 at -Xmx256m: service / floor %.2f (<= 2.0); heap live mid-answer %s MB, "
                                        + "%s MB with an Idempotency-Key, against %s MB at 10,000 (<= 2x: memory must "
                                        + "not grow with the jobs)",
                                ratio,
                                live,
                                keyed,
                                liveAtTenThousand));
            }
        }
        report.line("");
        report.line(
                "Floor: one `INSERT INTO cached_jobs (...) SELECT ... FROM queries WHERE project_id = ? RETURNING *` "
                        + "through plain JDBC, every returned column of every row read. Heap peak: the largest heap before "
                        + "a collection in the service's G1 log over that size's runs. Heap live mid-answer: what a full "
                        + "collection of the service leaves while one more trigger of that size is half-way through its "
                        + "answer (everything the trigger and the service hold then). RSS: VmHWM of the service, reset "
                        + "before each size.");
        report.line("");
    }

    private record Timing(double headersMs, double totalMs, long bytes) {}

    /** The full HTTP trigger: request sent to the answer's last byte read. */
    private Timing trigger(UUID project, int expectedJobs) throws Exception {
        HttpRequest request = post("/api/cached-jobs/trigger", project, TRIGGER_BODY);
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long headers = System.nanoTime();
        long bytes;
        try (InputStream body = response.body()) {
            bytes = drain(body);
        }
        long end = System.nanoTime();
        if (response.statusCode() != 201) {
            throw new IllegalStateException("trigger answered " + response.statusCode());
        }
        if (bytes < (long) expectedJobs * 100) {
            throw new IllegalStateException("trigger answered only " + bytes + " bytes for " + expectedJobs + " jobs");
        }
        return new Timing((headers - start) / 1e6, (end - start) / 1e6, bytes);
    }

    /** The floor for one project: the jobs made in one statement, every returned row read. */
    private double floor(Connection connection, UUID project, int expectedRows) throws SQLException {
        long start = System.nanoTime();
        int rows = floorInsert(connection, project);
        double ms = (System.nanoTime() - start) / 1e6;
        if (rows != expectedRows) {
            throw new IllegalStateException("floor wrote " + rows + " rows, expected " + expectedRows);
        }
        return ms;
    }

    private static int floorInsert(Connection connection, UUID project) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FLOOR_INSERT)) {
            statement.setObject(1, project);
            try (ResultSet rows = statement.executeQuery()) {
                return readAll(rows);
            }
        }
    }

    // ---------------------------------------------------------------- 5: concurrent small triggers

    private void concurrentLoad(Connection connection) throws Exception {
        List<UUID> projects = new ArrayList<>();
        for (int i = 0; i < CONCURRENT_CLIENTS; i++) {
            projects.add(data.project(connection, "Small " + i, SMALL_PROJECT));
        }
        List<PlainHttp> sockets = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        Turn measured;
        String warmedUp;
        try {
            for (int i = 0; i < CONCURRENT_CLIENTS; i++) {
                sockets.add(new PlainHttp(service.port()));
            }
            for (int i = 0; i < CONCURRENT_CLIENTS; i++) {
                connections.add(BenchData.connect(db));
            }
            Call trigger = (client, project) ->
                    sockets.get(client).send("POST", "/api/cached-jobs/trigger", headers(project), TRIGGER_BODY_BYTES)
                            == 201;
            // The floor's clients: one connection each, kept for the whole load, as a pool would.
            Call jdbcFloor = (client, project) -> floorInsert(connections.get(client), project) == SMALL_PROJECT;
            // The most calls the HTTP stack itself answers here, doing nothing: the ceiling of any call.
            Call liveness = (client, project) ->
                    sockets.get(client).send("GET", "/actuator/health/liveness", Map.of(), null) == 200;
            // In turns, so that a machine that slows down or speeds up meanwhile does so for all three.
            Callable<Turn> turn = () -> new Turn(
                    load(projects, LOAD_ROUND, trigger),
                    load(projects, LOAD_ROUND, jdbcFloor),
                    load(projects, LOAD_ROUND, liveness));
            warmedUp = warmUp(turn);
            measured = turn.call();
            for (int round = 1; round < LOAD_ROUNDS; round++) {
                measured = measured.plus(turn.call());
            }
        } finally {
            sockets.forEach(PlainHttp::close);
            for (Connection each : connections) {
                each.close();
            }
        }

        report.line("## Concurrent small triggers: " + CONCURRENT_CLIENTS + " clients, " + SMALL_PROJECT
                + " queries each, " + LOAD_ROUNDS + " turns of " + LOAD_ROUND.toSeconds() + " s each");
        report.line("");
        report.line("| | calls/s | p50 ms | p95 ms | p99 ms | max ms | errors |"
                + (cpu == null
                        ? ""
                        : " CPU ms per call: service | of which JIT | PostgreSQL | clients | cores busy |"));
        report.line("|---|---:|---:|---:|---:|---:|---:|" + (cpu == null ? "" : "---:|---:|---:|---:|---:|"));
        Load service = measured.service();
        Load floor = measured.floor();
        Load empty = measured.empty();
        report.line(service.row("service (HTTP)"));
        report.line(floor.row("floor (JDBC, " + CONCURRENT_CLIENTS + " connections)"));
        report.line(empty.row("HTTP only: `GET /actuator/health/liveness`, no database"));
        report.line("");
        report.line(warmedUp);
        report.line("");
        if (cpu != null) {
            cpuBudget(service, floor, empty);
        }
        double share = service.perSecond() / floor.perSecond();
        double tail = service.percentile(99) / service.percentile(50);
        report.verdict(
                share >= 0.5 && service.errors == 0 && tail <= 10,
                String.format(
                        Locale.ROOT,
                        "concurrent small triggers: %.0f%% of the floor's throughput (>= 50%%), %d errors (0), "
                                + "p99 = %.1f x p50 (<= 10)",
                        share * 100,
                        service.errors,
                        tail));
    }

    /**
     * Runs the loads in turns until the service is warm: until, over a
     * turn's triggers (the first load), its JIT compilers used less than {@link #WARM_COMPILING} of
     * its CPU; at least {@link #WARM_UP_TURNS_MIN} turns, at most {@link #WARM_UP_TURNS_MAX}. On two
     * cores HotSpot compiles the code of these calls for minutes of load: after a fixed 15 s
     * warm-up its compilers used a third of a core through the measured rounds, and a trigger cost
     * the service three times the CPU it costs warm. The loads take turns here as in the rounds, so
     * that no round meets code compiled for another load's profile only.
     *
     * @return the line that says how long it took and how warm it ended
     */
    private String warmUp(Callable<Turn> turn) throws Exception {
        long start = System.nanoTime();
        double compiling = Double.NaN;
        double coldShare = Double.NaN;
        int turns = 0;
        boolean warm = false;
        while (!warm && turns < WARM_UP_TURNS_MAX) {
            turns++;
            Turn loads = turn.call();
            Load triggers = loads.service();
            if (turns == 1) {
                coldShare = triggers.perSecond() / loads.floor().perSecond();
            }
            // NaN where the machine does not tell (or the service used no CPU): then a fixed number of turns
            compiling = cpu == null
                    ? Double.NaN
                    : triggers.cpu().compiling() / triggers.cpu().service();
            warm = turns >= WARM_UP_TURNS_MIN
                    && (Double.isNaN(compiling) ? turns >= WARM_UP_TURNS_BLIND : compiling < WARM_COMPILING);
        }
        String compilers = Double.isNaN(compiling)
                ? "this machine did not tell what the service's JIT compilers used"
                : String.format(
                        Locale.ROOT,
                        "the service's JIT compilers used %.1f%% of its CPU over the last turn's triggers (warm: under "
                                + "%.0f%%)",
                        compiling * 100,
                        WARM_COMPILING * 100);
        return String.format(
                Locale.ROOT,
                "Warm-up: %d turns of the three loads, %.0f s, %s; %s. Cold, over the first turn, the service "
                        + "answered %.0f%% of the floor's throughput.",
                turns,
                (System.nanoTime() - start) / 1e9,
                warm ? "until the service was warm" : "and not warm at the last turn",
                compilers,
                coldShare * 100);
    }

    /**
     * What 50% of the floor's throughput leaves the service. The service, PostgreSQL and the
     * clients share this machine's cores: at that rate each trigger has cores / rate of CPU, of
     * which PostgreSQL and the clients take what they were measured to take per trigger; the rest
     * is the most the service itself may use. An HTTP call that does nothing costs the service what
     * the liveness load measured: a budget below it cannot be met by any code behind this HTTP stack.
     */
    private void cpuBudget(Load service, Load floor, Load empty) {
        double perTrigger = Runtime.getRuntime().availableProcessors() * 1000 / (floor.perSecond() / 2);
        double clients = service.cpuPerCall(CpuUse.Seconds::client);
        double measured = perTrigger - service.cpuPerCall(CpuUse.Seconds::database) - clients;
        double floorDatabase = perTrigger - floor.cpuPerCall(CpuUse.Seconds::database) - clients;
        report.line(String.format(
                Locale.ROOT,
                "CPU budget at 50%% of the floor (%.0f triggers/s): %.2f ms of CPU per trigger on %d cores. "
                        + "Less what PostgreSQL and the clients used per trigger, %.2f ms are left for the service "
                        + "(%.2f ms if PostgreSQL spent no more on a trigger than on the floor's one statement); "
                        + "the service used %.2f ms, and an HTTP call that does nothing costs it %.2f ms.",
                floor.perSecond() / 2,
                perTrigger,
                Runtime.getRuntime().availableProcessors(),
                measured,
                floorDatabase,
                service.cpuPerCall(CpuUse.Seconds::service),
                empty.cpuPerCall(CpuUse.Seconds::service)));
        report.line("");
    }

    /** One turn: the triggers, the floor and the HTTP-only load, one after the other. */
    private record Turn(Load service, Load floor, Load empty) {
        Turn plus(Turn next) {
            return new Turn(service.plus(next.service), floor.plus(next.floor), empty.plus(next.empty));
        }
    }

    private interface Call {
        /** One unit of work for this client; false if it failed. */
        boolean run(int client, UUID project) throws Exception;
    }

    /** A load's calls, and the CPU each party used meanwhile (null where the machine does not tell). */
    private record Load(int count, int errors, double seconds, List<Double> latencies, CpuUse.Seconds cpu) {
        double perSecond() {
            return count / seconds;
        }

        Load plus(Load next) {
            List<Double> both = new ArrayList<>(latencies);
            both.addAll(next.latencies);
            return new Load(
                    count + next.count,
                    errors + next.errors,
                    seconds + next.seconds,
                    both,
                    cpu == null ? null : cpu.plus(next.cpu));
        }

        /** CPU milliseconds per call of one party. */
        double cpuPerCall(ToDoubleFunction<CpuUse.Seconds> party) {
            return party.applyAsDouble(cpu) * 1000 / count;
        }

        double percentile(int p) {
            return Stats.percentile(latencies, p);
        }

        String row(String name) {
            return String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %d |",
                            name,
                            perSecond(),
                            percentile(50),
                            percentile(95),
                            percentile(99),
                            percentile(100),
                            errors)
                    + (cpu == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    " %.2f | %.2f | %.2f | %.2f | %.1f |",
                                    cpuPerCall(CpuUse.Seconds::service),
                                    cpuPerCall(CpuUse.Seconds::compiling),
                                    cpuPerCall(CpuUse.Seconds::database),
                                    cpuPerCall(CpuUse.Seconds::client),
                                    (cpu.service() + cpu.database() + cpu.client()) / seconds));
        }
    }

    private Load load(List<UUID> projects, Duration duration, Call call) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(projects.size());
        AtomicInteger errors = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        CpuUse.Seconds cpuBefore = cpu == null ? null : cpu.now();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < projects.size(); i++) {
                int client = i;
                running.add(clients.submit(() -> {
                    List<Double> mine = new ArrayList<>();
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        boolean ok;
                        try {
                            ok = call.run(client, projects.get(client));
                        } catch (Exception e) {
                            ok = false;
                        }
                        mine.add((System.nanoTime() - t0) / 1e6);
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                    latencies.addAll(mine);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Load(
                latencies.size(),
                errors.get(),
                seconds,
                new ArrayList<>(latencies),
                cpu == null ? null : cpu.now().minus(cpuBefore));
    }

    // ---------------------------------------------------------------- 6: reads on 1,000,000 jobs

    private void reads(Connection connection) throws Exception {
        long seedStart = System.nanoTime();
        UUID project = data.project(connection, "Reads", 1_000);
        seedJobs(connection, project);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        UUID job;
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT id FROM cached_jobs WHERE project_id = ? AND status = 'pending' "
                        + "ORDER BY created_at OFFSET 100000 LIMIT 1")) {
            statement.setObject(1, project);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                job = rows.getObject(1, UUID.class);
            }
        }
        HttpRequest get = request("/api/cached-jobs/" + job, project).GET().build();
        HttpRequest list = post("/api/cached-jobs/list?limit=50&page=1", project, LIST_BODY);

        // The floor runs exactly the statements the service ran on cached_jobs, bound the same way.
        List<String> getSql = capturedSql(get);
        List<String> listSql = capturedSql(list);
        List<Double> serviceGet;
        List<Double> serviceList;
        List<Double> emptyCall;
        List<Double> floorGet = repeat(200, () -> runAll(connection, getSql, job, project, false));
        List<Double> floorList = repeat(50, () -> runAll(connection, listSql, job, project, false));
        List<Double> floorGetJobs = repeat(200, () -> runAll(connection, getSql, job, project, true));
        List<Double> floorListJobs = repeat(50, () -> runAll(connection, listSql, job, project, true));
        // Timed with the load's client, whose own time is the smallest part of a call.
        try (PlainHttp client = new PlainHttp(service.port())) {
            serviceGet = repeat(200, () -> plainCall(client, "GET", "/api/cached-jobs/" + job, project, null));
            serviceList = repeat(
                    50, () -> plainCall(client, "POST", "/api/cached-jobs/list?limit=50&page=1", project, LIST_BODY));
            // What any call costs before it does anything: the same HTTP client and server, no database.
            emptyCall = repeat(200, () -> plainCall(client, "GET", "/actuator/health/liveness", null, null));
        }

        long pending;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM cached_jobs WHERE project_id = '"
                        + project + "' AND status = 'pending'")) {
            rows.next();
            pending = rows.getLong(1);
        }
        report.line("## Reads on a project of 1,000,000 jobs (" + String.format(Locale.ROOT, "%,d", pending)
                + " pending; seeded by SQL in " + String.format(Locale.ROOT, "%.0f", seedSeconds) + " s)");
        report.line("");
        report.line(
                "| call | service ms | floor ms | service / floor | floor on cached_jobs only ms | service / that |");
        report.line("|---|---:|---:|---:|---:|---:|");
        double getRatio = median(serviceGet) / median(floorGet);
        double listRatio = median(serviceList) / median(floorList);
        report.line(readRow("`GET /api/cached-jobs/{id}` (200 times)", serviceGet, floorGet, floorGetJobs));
        report.line(readRow(
                "`POST /api/cached-jobs/list` page of 50, pending, createdAt DESC (50 times)",
                serviceList,
                floorList,
                floorListJobs));
        report.line(String.format(
                Locale.ROOT,
                "| `GET /actuator/health/liveness`: an HTTP call that reads nothing (200 times) | %s | | | | |",
                spread(emptyCall)));
        report.line("");
        report.line("Floor: every statement the service ran for the call (captured from its SQL logs: the key check "
                + "that takes the call's rate-limit token, the project check where there is one, the reads), "
                + "through plain JDBC with the same parameters, one after the other on one connection, every row "
                + "read. The last columns leave out all but the statements on cached_jobs. The liveness call is "
                + "the HTTP stack's own floor: no call can be faster than it.");
        report.line("");

        List<String> plans = plans(connection, getSql, listSql, job, project);
        boolean seqScan = plans.stream().anyMatch(plan -> plan.contains("Seq Scan on cached_jobs"));
        report.verdict(
                getRatio <= 3 && listRatio <= 3 && !seqScan,
                String.format(
                        Locale.ROOT,
                        "reads on 1,000,000 jobs: get %.2f x floor, list %.2f x floor (each <= 3); %s",
                        getRatio,
                        listRatio,
                        seqScan ? "a plan scans cached_jobs sequentially" : "no Seq Scan on cached_jobs"));
    }

    /** What an operator sees of the same run at /actuator/prometheus: the service's own timers and its pool. */
    private void serviceMetrics() throws Exception {
        HttpResponse<String> response =
                http.send(request("/actuator/prometheus", null).GET().build(), HttpResponse.BodyHandlers.ofString());
        require(response.statusCode() == 200, "/actuator/prometheus answered " + response.statusCode());
        report.line("## The service's own metrics after the run (/actuator/prometheus)");
        report.line("");
        report.line("```text");
        response.body()
                .lines()
                .filter(metric -> metric.startsWith("cachedjobs_") || metric.startsWith("hikaricp_connections"))
                .forEach(report::line);
        report.line("```");
        report.line("");
    }

    /** The loggers that name each statement the service runs: Hibernate's, and JdbcTemplate's for its plain SQL. */
    private static final List<String> SQL_LOGGERS =
            List.of("org.hibernate.SQL", "org.springframework.jdbc.core.JdbcTemplate");

    /**
     * The SQL the service runs for one call: the statement logs, switched on through the actuator
     * for this call only.
     */
    private List<String> capturedSql(HttpRequest request) throws Exception {
        setSqlLog("DEBUG");
        long from = Files.size(service.log());
        call(request, 200);
        Thread.sleep(200);
        setSqlLog("INFO");
        List<String> statements = new ArrayList<>();
        for (String logLine : ServiceProcess.newLines(service.log(), from)) {
            int hibernate = logLine.indexOf("org.hibernate.SQL");
            int plain = logLine.indexOf("Executing prepared SQL statement [");
            if (hibernate >= 0) {
                statements.add(
                        logLine.substring(logLine.indexOf(':', hibernate) + 1).trim());
            } else if (plain >= 0) {
                // A statement written on several lines (the rate limit's) has its ']' on another line.
                int begin = logLine.indexOf('[', plain) + 1;
                int end = logLine.lastIndexOf(']');
                statements.add(logLine.substring(begin, end >= begin ? end : logLine.length()));
            }
        }
        require(!statements.isEmpty(), "no SQL captured from " + service.log());
        return statements;
    }

    /** Runs the captured statements on cached_jobs through JDBC, every row read. */
    private static String readRow(String call, List<Double> service, List<Double> floor, List<Double> floorJobs) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | **%.2f** | %s | %.2f |",
                call,
                spread(service),
                spread(floor),
                median(service) / median(floor),
                spread(floorJobs),
                median(service) / median(floorJobs));
    }

    /** Runs the captured statements through JDBC (only those on cached_jobs if {@code jobsOnly}), every row read. */
    private void runAll(Connection connection, List<String> statements, UUID job, UUID project, boolean jobsOnly)
            throws SQLException {
        for (String sql : statements) {
            if (jobsOnly && !sql.contains("cached_jobs")) {
                continue;
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                List<Object> values = parameters(sql, job, project);
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    require(readAll(rows) > 0, "no row for " + sql);
                }
            }
        }
    }

    /** Each statement on cached_jobs explained with its parameters inlined. */
    private List<String> plans(Connection connection, List<String> getSql, List<String> listSql, UUID job, UUID project)
            throws SQLException {
        List<String> statements = new ArrayList<>(getSql);
        statements.addAll(listSql);
        List<String> plans = new ArrayList<>();
        report.line("## SQL plans of the reads");
        report.line("");
        for (String sql : statements) {
            if (!sql.contains("cached_jobs")) {
                report.line("Also run: `" + sql + "`");
                report.line("");
                continue;
            }
            String inlined = inline(sql, job, project);
            StringBuilder plan = new StringBuilder();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + inlined)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            plans.add(plan.toString());
            report.line("```sql");
            report.line(inlined);
            report.line("```");
            report.line("```text");
            report.block(plan.toString());
            report.line("```");
            report.line("");
        }
        return plans;
    }

    /** What the service binds at each {@code ?} of its statement, told by the text before it. */
    private List<Object> parameters(String sql, UUID job, UUID project) {
        List<Object> values = new ArrayList<>();
        for (int at = sql.indexOf('?'); at >= 0; at = sql.indexOf('?', at + 1)) {
            String before = sql.substring(0, at).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            int take = before.lastIndexOf("rate_limit_take(");
            if (take >= 0 && before.indexOf(')', take) < 0) {
                // rate_limit_take(key, per second, burst, per hour): the limits the service was given
                long argument =
                        before.substring(take).chars().filter(c -> c == ',').count();
                values.add((double)
                        List.of(LIMIT_PER_SECOND, LIMIT_BURST, LIMIT_PER_HOUR).get((int) argument - 1));
            } else if (before.stripTrailing().endsWith("secret_hash =")) {
                values.add(BenchData.sha256(data.key(project)));
            } else if (before.endsWith(".id=") && !sql.contains("cached_jobs")) {
                values.add(project);
            } else if (before.endsWith("project_id=")) {
                values.add(project);
            } else if (before.endsWith("organisation_id=")) {
                values.add(data.organisation());
            } else if (before.endsWith(".id=")) {
                values.add(job);
            } else if (before.endsWith("in (") || before.endsWith("status=")) {
                values.add("pending");
            } else if (before.endsWith("offset ")) {
                values.add(0);
            } else if (before.endsWith("first ") || before.endsWith("limit ")) {
                values.add(50);
            } else {
                throw new IllegalStateException("cannot tell what is bound at " + before + "? in " + sql);
            }
        }
        return values;
    }

    /** The statement with its parameters as literals, for EXPLAIN. */
    private String inline(String sql, UUID job, UUID project) {
        List<Object> values = parameters(sql, job, project);
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            if (c != '?') {
                out.append(c);
                continue;
            }
            Object value = values.get(next++);
            out.append(value instanceof Number ? value.toString() : "'" + value + "'");
            if (value instanceof UUID) {
                out.append("::uuid");
            }
        }
        return out.toString();
    }

    private void setSqlLog(String level) throws Exception {
        for (String logger : SQL_LOGGERS) {
            HttpRequest request = request("/actuator/loggers/" + logger, null)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":\"" + level + "\"}"))
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            require(status == 204 || status == 200, "could not set the SQL log level: " + status);
        }
    }

    /**
     * A million jobs made from the project's 1,000 queries: 1,000 runs an hour apart, a fifth of them
     * still pending, the rest ended, paused or running, as a long-lived project's would be.
     */
    private static void seedJobs(Connection connection, UUID project) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // Seed rows are valid by construction: skipping the foreign-key triggers saves most of the time.
            statement.execute("SET session_replication_role = replica");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cached_jobs (" + COLUMNS + ") "
                    + "SELECT bench_uuid_v7(t), ?, q.id, q.query_text, q.language, q.country, "
                    + MODELS + ", 3, "
                    + "CASE WHEN r > 800 THEN 'pending' WHEN r % 10 = 0 THEN 'inactive' "
                    + "WHEN r = 800 THEN 'active' ELSE 'ended' END, false, NULL, t, t "
                    + "FROM generate_series(1, 1000) r "
                    + "CROSS JOIN (SELECT id, query_text, language, country, "
                    + "row_number() OVER (ORDER BY created_at, id) AS n FROM queries WHERE project_id = ?) q "
                    + "CROSS JOIN LATERAL (SELECT timestamptz '2026-01-01 00:00Z' + r * interval '1 hour' "
                    + "+ q.n * interval '1 millisecond' AS t) times ORDER BY t")) {
                insert.setObject(1, project);
                insert.setObject(2, project);
                require(insert.executeUpdate() == 1_000_000, "seeded a wrong number of jobs");
            }
            statement.execute("SET session_replication_role = origin");
            // As autovacuum would have done on a table this old: statistics and the visibility map.
            statement.execute("VACUUM (ANALYZE) cached_jobs");
        }
    }

    // ---------------------------------------------------------------- memory

    /** The heap the service holds half-way through a trigger's answer, in MB (see ServiceProcess). */
    private long liveMidAnswer(UUID project, long answerBytes, String idempotencyKey) throws Exception {
        HttpRequest.Builder trigger =
                request("/api/cached-jobs/trigger", project).POST(HttpRequest.BodyPublishers.ofString(TRIGGER_BODY));
        if (idempotencyKey != null) {
            trigger.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<InputStream> response = http.send(trigger.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            // The service now waits to write the rest, holding what a trigger holds mid-answer.
            body.skipNBytes(answerBytes / 2);
            long live = service.liveHeapMb();
            drain(body);
            return live;
        }
    }

    // ---------------------------------------------------------------- helpers

    private HttpRequest post(String path, UUID project, String body) {
        return request(path, project)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /**
     * Every call the benchmark makes to the service starts here: the one place for the headers each
     * call carries: the project's API key, or for a call outside any project ({@code project} null:
     * the actuator) the operator token of the test class path.
     */
    private HttpRequest.Builder request(String path, UUID project) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(service.base() + path)).timeout(Duration.ofMinutes(5));
        headers(project).forEach(builder::header);
        return builder;
    }

    /** A call's headers: as the project's client with its key, or as the operator without a project. */
    private Map<String, String> headers(UUID project) {
        return project == null
                ? Map.of("Content-Type", "application/json", "Authorization", "Bearer " + Api.OPERATOR_TOKEN)
                : Map.of(
                        "Content-Type",
                        "application/json",
                        "x-api-key",
                        data.key(project),
                        "x-organisation-id",
                        data.organisation().toString(),
                        "x-project-id",
                        project.toString());
    }

    private void call(HttpRequest request, int expectedStatus) throws Exception {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            drain(body);
        }
        require(response.statusCode() == expectedStatus, request.uri() + " answered " + response.statusCode());
    }

    private void plainCall(PlainHttp client, String method, String target, UUID project, String body)
            throws IOException {
        int status = client.send(
                method,
                target,
                project == null ? Map.of() : headers(project),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        require(status == 200, method + " " + target + " answered " + status);
    }

    private interface Work {
        void run() throws Exception;
    }

    /**
     * Times {@code times} runs after unmeasured ones: a fifth as many, and for at least three
     * seconds, so that the JIT has compiled the path when a phase runs alone.
     */
    private static List<Double> repeat(int times, Work work) throws Exception {
        long warm = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        for (int i = 0; i < times / 5 || System.nanoTime() < warm; i++) {
            work.run();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            work.run();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        return ms;
    }

    /** Reads every column of every row, decoding each as an application would. */
    private static int readAll(ResultSet rows) throws SQLException {
        int count = 0;
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
            for (int c = 1; c <= columns; c++) {
                Object value = rows.getObject(c);
                if (value instanceof Array array) {
                    array.getArray();
                }
            }
            count++;
        }
        return count;
    }

    private static long drain(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = body.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
