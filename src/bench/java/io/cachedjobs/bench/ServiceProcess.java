package io.cachedjobs.bench;

import io.cachedjobs.support.Api;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The service under measurement, in a JVM of its own at {@code -Xmx256m}, so that its heap (from
 * its GC log) and resident memory ({@code VmHWM}) are its own and not the driver's. It runs with
 * this JVM's class path (the test one: the local run's settings, the operator token), on the
 * database it is given, the actuator on the API's port.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final int port;
    private final Path gcLog;
    private final Path log;

    private ServiceProcess(Process process, int port, Path gcLog, Path log) {
        this.process = process;
        this.port = port;
        this.gcLog = gcLog;
        this.log = log;
    }

    /**
     * Starts the service and waits until it answers its health check.
     *
     * @param name the name of its files in {@code target}: {@code <name>.log}, {@code <name>-gc.log}
     * @param settings its settings beyond the database, the port and the actuator's
     */
    static ServiceProcess start(String name, JdbcConnectionDetails db, List<String> settings) throws Exception {
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path gcLog = target.resolve(name + "-gc.log").toAbsolutePath();
        Path log = target.resolve(name + ".log").toAbsolutePath();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // A fixed set of JIT compiler threads: the load's warm-up sums their CPU (CpuUse), and
        // threads that HotSpot stops while idle would take theirs out of the sum.
        List<String> command = new ArrayList<>(List.of(
                java.toString(), "-Xmx256m", "-Xlog:gc:file=" + gcLog, "-XX:-UseDynamicNumberOfCompilerThreads"));
        if (Boolean.getBoolean("bench.jfr")) {
            // -Dbench.jfr=true: a profile of the service for the whole run, to read with `jfr print`.
            command.add("-XX:StartFlightRecording=filename="
                    + target.resolve(name + ".jfr").toAbsolutePath() + ",settings=profile");
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.cachedjobs.CachedJobsApplication",
                "--spring.datasource.url=" + db.getJdbcUrl(),
                "--spring.datasource.username=" + db.getUsername(),
                "--spring.datasource.password=" + db.getPassword(),
                "--server.port=" + port,
                // The actuator on the API's port, not its own: liveness, the HTTP floor, then goes
                // through the same connector and workers as the calls it is the floor of.
                "--management.server.port=" + port,
                "--management.endpoints.web.exposure.include=health,loggers,prometheus"));
        command.addAll(settings);
        // -Dbench.serviceArgs="--a=b --c=d": settings to try on the service, e.g. its pool size.
        String extra = System.getProperty("bench.serviceArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServiceProcess service = new ServiceProcess(process, port, gcLog, log);
        service.awaitHealthy();
        return service;
    }

    private void awaitHealthy() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                .header("Authorization", "Bearer " + Api.OPERATOR_TOKEN)
                .timeout(Duration.ofSeconds(10))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            require(process.isAlive(), "the service stopped at start-up; see " + log);
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not start; see " + log);
    }

    String base() {
        return "http://localhost:" + port;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    Path gcLog() {
        return gcLog;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Resets the service's VmHWM, so that a span reports its own peak; false where Linux refuses. */
    boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc", String.valueOf(pid()), "clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    long peakRssKb() throws IOException {
        for (String status : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (status.startsWith("VmHWM:")) {
                return Long.parseLong(status.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** Where the GC log ends now: a span's collections are those after it. */
    long gcLogSize() throws IOException {
        return Files.size(gcLog);
    }

    /** The largest heap before a collection in MB, over the GC log from {@code from}; -1 without GC. */
    long heapPeakMb(long from) throws IOException {
        long before = -1;
        for (String logLine : newLines(gcLog, from)) {
            Matcher matcher = GC_HEAP.matcher(logLine);
            if (matcher.find()) {
                before = Math.max(before, Long.parseLong(matcher.group(1)));
            }
        }
        return before;
    }

    /**
     * The heap the service holds now, in MB: what a full collection ({@code jcmd GC.run}) leaves, read
     * from its GC log. The heap after an ordinary collection would also count garbage waiting in the
     * old generation, which moves with GC timing.
     */
    long liveHeapMb() throws Exception {
        long from = gcLogSize();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process collect = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run")
                .redirectErrorStream(true)
                .start();
        collect.getInputStream().transferTo(OutputStream.nullOutputStream());
        require(collect.waitFor() == 0, "jcmd GC.run failed");
        // The GC log's line is written after the collection.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            for (String logLine : newLines(gcLog, from)) {
                Matcher matcher = GC_HEAP.matcher(logLine);
                if (logLine.contains("Pause Full") && matcher.find()) {
                    return Long.parseLong(matcher.group(2));
                }
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("no full collection in " + gcLog);
    }

    /** The lines written to {@code file} after {@code from}. */
    static List<String> newLines(Path file, long from) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(from);
            byte[] bytes = new byte[(int) (raf.length() - from)];
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
