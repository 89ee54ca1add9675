package io.cachedjobs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Slow clients beside everyone else, over real sockets: four clients reading big answers at a few
 * hundred bytes a second. Meanwhile the probes (on the management port) and an ordinary call answer
 * promptly.
 */
class SlowClientsApiTest extends ApiTest {

    private static final int SLOW_CLIENTS = 4;
    /** Far below the body timeout, and above what a loaded build machine adds to a small call. */
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    /** 8,000 queries on three models: an answer of 24,000 jobs, megabytes beyond the sockets' buffers. */
    private static final int QUERIES = 8000;

    private static final String TRIGGER = "{\"aiModels\":[\"openai\",\"anthropic\",\"google-generative-ai\"]}";

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

    /** The request line and headers, each line ended; the blank line that ends them is the caller's. */
    private byte[] head(String method, String path, UUID organisation, UUID project, int length) {
        return (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + Api.KEY_HEADER + ": " + api.firstKey()
                        + "\r\nx-organisation-id: " + organisation + "\r\nx-project-id: " + project
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
