package io.cachedjobs.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An answer engine for the runner's figures, speaking Anthropic's Messages API: every {@code POST
 * /v1/messages} is answered 200 with the adapter tests' answer ({@code engines/anthropic/answer.json}:
 * text, citations, searches, usage), at once or after a fixed delay. It counts the calls and the
 * most it held at once.
 *
 * <p>A call is counted in flight from its arrival until its answer starts. The service counts it
 * from before it sends until it has read the answer, a span that holds this one: so the stub never
 * counts more calls at once than the service had, and any excess it sees was real. The JDK's own
 * server, not WireMock: the count is one counter around the handler, and nothing else runs.
 */
final class StubEngine implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final byte[] answer;
    private volatile long delayMillis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong firstArrival = new AtomicLong();
    private final AtomicLong lastAnswer = new AtomicLong();

    private StubEngine(HttpServer server, ExecutorService threads, byte[] answer) {
        this.server = server;
        this.threads = threads;
        this.answer = answer;
    }

    static StubEngine start() throws IOException {
        // Connections kept alive between rounds: the JDK server's default closes them after 30 s
        // idle, and the service's client could then send on a connection being closed.
        System.setProperty("sun.net.httpserver.idleInterval", "3600");
        byte[] answer;
        try (InputStream fixture = StubEngine.class.getResourceAsStream("/engines/anthropic/answer.json")) {
            if (fixture == null) {
                throw new IllegalStateException("engines/anthropic/answer.json is not on the class path");
            }
            answer = fixture.readAllBytes();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        // A thread per call in flight: a delayed answer holds its thread, as an engine holds the call.
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "stub-engine");
            thread.setDaemon(true);
            return thread;
        });
        StubEngine stub = new StubEngine(server, threads, answer);
        server.createContext("/", stub::handle);
        server.setExecutor(threads);
        server.start();
        return stub;
    }

    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort());
    }

    /** Each answer from now on comes after {@code delay} (zero: at once). */
    void answerAfter(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** What the stub saw since the last call of this method (or its start); the counts start again. */
    Counts takeCounts() {
        Counts counts = new Counts(
                calls.getAndSet(0), maxInFlight.getAndSet(0), firstArrival.getAndSet(0), lastAnswer.getAndSet(0));
        return counts;
    }

    /**
     * @param calls calls answered
     * @param maxInFlight the most calls it held at once
     * @param firstArrival {@link System#nanoTime()} of the first call's arrival; 0 without calls
     * @param lastAnswer {@link System#nanoTime()} of the last answer's start
     */
    record Counts(long calls, int maxInFlight, long firstArrival, long lastAnswer) {
        /** Calls answered per second, from the first call's arrival to the last answer. */
        double perSecond() {
            return calls / ((lastAnswer - firstArrival) / 1e9);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        firstArrival.compareAndSet(0, arrived);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        boolean held = true;
        try (exchange) {
            try (InputStream request = exchange.getRequestBody()) {
                request.transferTo(OutputStream.nullOutputStream());
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"/v1/messages".equals(exchange.getRequestURI().getPath())) {
                inFlight.decrementAndGet();
                held = false;
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            long delay = delayMillis;
            if (delay > 0) {
                Thread.sleep(delay);
            }
            calls.incrementAndGet();
            lastAnswer.set(System.nanoTime());
            inFlight.decrementAndGet();
            held = false;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (held) {
                inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
