package io.cachedjobs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slow clients beside everyone else, over real sockets: four clients reading big answers at a few
 * hundred bytes a second, four trickling their bodies a byte at a time, one falling silent half-way
 * through its body. Meanwhile the probes (on the management port) and an ordinary call answer
 * promptly; the tricklers and the silent one are cut off with a 408 once the body timeout is up.
 */
class SlowClientsApiTest extends ApiTest {

    private static final int SLOW_CLIENTS = 4;
    /** Far below the body timeout, and above what a loaded build machine adds to a small call. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    /** What a loaded build machine may add to an answer due at a given time. */
    private static final Duration MARGIN = Duration.ofSeconds(4);
    /** 8,000 queries on three models: an answer of 24,000 jobs, megabytes beyond the sockets' buffers. */
    private static final int QUERIES = 8000;

    private static final String TRIGGER = "{\"aiModels\":[\"openai\",\"anthropic\",\"google-generative-ai\"]}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    DataSource dataSource;

    @Test
    void fourSlowReadersOfBigAnswersHoldNeitherTheProbesNorOtherCallsNorAConnection() throws Exception {
        UUID organisation = createOrganisation("Slow readers");
        UUID project = createProject(organisation, "Big answers");
        createQueries(organisation, project, QUERIES);

        List<Socket> readers = new ArrayList<>();
        List<AtomicBoolean> finished = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket reader = startTrigger(organisation, project);
                readers.add(reader);
                finished.add(readSlowly(reader));
            }
            // Each worker now waits for its client to take the answer; none may hold a connection
            awaitNoActiveConnection();

            probesAndACallAnswerPromptly(organisation, project);

            assertThat(finished)
                    .as("the slow readers' answers are still being written")
                    .noneMatch(AtomicBoolean::get);
        } finally {
            for (Socket reader : readers) {
                reader.close();
            }
        }
    }

    @Test
    void fourTricklingBodiesAre408AfterTheBodyTimeoutAndHoldNothingMeanwhile() throws Exception {
        UUID organisation = createOrganisation("Tricklers");
        UUID project = createProject(organisation, "Slow uploads");

        ExecutorService clients = Executors.newFixedThreadPool(SLOW_CLIENTS);
        List<CompletableFuture<Timed>> tricklers = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            tricklers.add(CompletableFuture.supplyAsync(() -> upload(organisation, project, true), clients));
        }
        Thread.sleep(500);

        probesAndACallAnswerPromptly(organisation, project);

        for (CompletableFuture<Timed> trickler : tricklers) {
            Timed answer = trickler.get(BODY_TIMEOUT_SECONDS + MARGIN.toSeconds() + 30, TimeUnit.SECONDS);
            assertCutOff(answer);
        }
        clients.shutdown();
        assertThat(count("queries", "project_id", project)).isZero();
    }

    @Test
    void aBodyThatFallsSilentIs408AfterTheBodyTimeout() {
        UUID organisation = createOrganisation("Silent");
        UUID project = createProject(organisation, "Silent upload");

        assertCutOff(upload(organisation, project, false));
        assertThat(count("queries", "project_id", project)).isZero();
    }

    /** Health, liveness and readiness on the management port, and a read on the API's, each at once. */
    private void probesAndACallAnswerPromptly(UUID organisation, UUID project) {
        RawHttp probes = new RawHttp(managementPort());
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health")) {
            RawHttp.Response answer = within(
                    PROMPTLY, probe, () -> probes.send("GET " + probe + " HTTP/1.1\r\nHost: localhost", null, false));
            assertThat(answer.status()).as(probe + " " + answer.body()).isEqualTo(200);
        }
        Api.Response read = within(
                PROMPTLY,
                "GET /api/projects/{id}",
                () -> api.get("/api/projects/" + project)
                        .organisation(organisation)
                        .send());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
    }

    private static <T> T within(Duration bound, String what, Supplier<T> call) {
        long started = System.nanoTime();
        T answer = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as(what + " answered late")
                .isLessThan(bound);
        return answer;
    }

    private void createQueries(UUID organisation, UUID project, int count) {
        for (int from = 0; from < count; from += 1000) {
            List<Map<String, String>> queries = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                queries.add(Map.of("query", "question " + i, "language", "en", "country", "US"));
            }
            Api.Response response = api.post("/api/queries/many")
                    .scope(organisation, project)
                    .json(Map.of("queries", queries))
                    .send();
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
    }

    /** Sends a trigger on a socket with a tiny receive buffer and reads its answer's status line. */
    private Socket startTrigger(UUID organisation, UUID project) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("localhost", port()));
        socket.setSoTimeout(30_000);
        byte[] body = TRIGGER.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(head("POST", "/api/cached-jobs/trigger", organisation, project, body.length));
        out.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder status = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            status.append((char) c);
        }
        assertThat(status.toString()).startsWith("HTTP/1.1 201");
        return socket;
    }

    /** Reads 16 bytes every 100 ms until the answer ends (which sets the flag) or the socket closes. */
    private static AtomicBoolean readSlowly(Socket socket) {
        AtomicBoolean finished = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[16];
            try {
                InputStream in = socket.getInputStream();
                while (in.read(buffer) >= 0) {
                    Thread.sleep(100);
                }
                finished.set(true);
            } catch (IOException | InterruptedException closed) {
                // the test closed it
            }
        });
        reader.setDaemon(true);
        reader.start();
        return finished;
    }

    private void awaitNoActiveConnection() throws InterruptedException {
        HikariDataSource pool = (HikariDataSource) dataSource;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.getHikariPoolMXBean().getActiveConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                .as("connections held while answers wait for their readers")
                .isZero();
    }

    private record Timed(RawHttp.Response answer, Duration took) {}

    /**
     * Creates a query with a body sent a byte every 200 ms ({@code trickle}), or with 10 bytes of it
     * and then nothing; answers what came back and when, the socket read to its close.
     */
    private Timed upload(UUID organisation, UUID project, boolean trickle) {
        byte[] body = "{\"query\":\"slow\",\"language\":\"en\",\"country\":\"US\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port())) {
            socket.setSoTimeout((BODY_TIMEOUT_SECONDS + (int) MARGIN.toSeconds()) * 2000);
            OutputStream out = socket.getOutputStream();
            // Without Connection: close: that the server closes the connection is what is checked
            out.write(head("POST", "/api/queries", organisation, project, body.length));
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long started = System.nanoTime();
            AtomicBoolean answered = new AtomicBoolean();
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < (trickle ? body.length : 10) && !answered.get(); i++) {
                        out.write(body[i]);
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException cutOff) {
                    // the server closed the connection: what the test waits for
                }
            });
            sender.setDaemon(true);
            sender.start();
            byte[] answer = readToClose(socket.getInputStream());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            answered.set(true);
            return new Timed(RawHttp.parse(answer), took);
        } catch (IOException e) {
            throw new AssertionError("no answer to a slow upload", e);
        }
    }

    /** Everything until the server closes the connection (a reset after the answer counts as closed). */
    private static byte[] readToClose(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                all.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException open) {
            throw new AssertionError("the connection stayed open: " + all.toString(StandardCharsets.UTF_8), open);
        } catch (SocketException reset) {
            if (all.size() == 0) {
                throw reset;
            }
        }
        return all.toByteArray();
    }

    private void assertCutOff(Timed timed) {
        RawHttp.Response answer = timed.answer();
        assertThat(answer.status()).as(answer.body()).isEqualTo(408);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("Connection")).isEqualTo("close");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:request-timeout");
        assertThat(problem.get("status").asInt()).isEqualTo(408);
        assertThat(problem.get("detail").asString())
                .contains(BODY_TIMEOUT_SECONDS + " s", "cachedjobs.http.body-timeout");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/queries");
        assertThat(timed.took())
                .isGreaterThanOrEqualTo(Duration.ofSeconds(BODY_TIMEOUT_SECONDS).minusMillis(300))
                .isLessThan(Duration.ofSeconds(BODY_TIMEOUT_SECONDS).plus(MARGIN));
    }

    /** The request line and headers, each line ended; the blank line that ends them is the caller's. */
    private byte[] head(String method, String path, UUID organisation, UUID project, int length) {
        return (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + Api.KEY_HEADER + ": " + api.firstKey()
                        + "\r\nx-organisation-id: " + organisation + "\r\nx-project-id: " + project
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
