package io.cachedjobs.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.RawHttp;
import io.cachedjobs.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a PostgreSQL of its own, which the test stops and starts again on the same port and
 * data: while it is away every call answers a 503 problem within the connection timeout and
 * readiness is DOWN; once it is back the service works again by itself.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.hikari.connection-timeout=" + DatabaseOutageApiTest.CONNECTION_TIMEOUT_MS,
            "spring.datasource.hikari.validation-timeout=1000"
        })
@DirtiesContext
class DatabaseOutageApiTest {

    static final long CONNECTION_TIMEOUT_MS = 2000;
    /** The timeout plus what a loaded build machine may add to an answer. */
    private static final Duration WITHIN = Duration.ofMillis(CONNECTION_TIMEOUT_MS + 4000);

    /**
     * Calls waiting on the pool at once while the database is away: more than the pool's
     * connections, and four times the workers the service once had (which would answer them in four
     * rounds of the connection timeout, past {@link #WITHIN}).
     */
    private static final int WAITING_CALLS = 16;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path dataDirectory;
    private static int databasePort;
    private static EmbeddedPostgres postgres;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    Api api;
    RawHttp raw;
    RawHttp probes;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        dataDirectory = Files.createTempDirectory("cached-jobs-outage");
        try (ServerSocket free = new ServerSocket(0)) {
            databasePort = free.getLocalPort();
        }
        postgres = TestDatabase.embedded(dataDirectory, databasePort);
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @AfterAll
    static void closeDatabase() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        raw = new RawHttp(port);
        probes = new RawHttp(managementPort);
    }

    @Test
    void whileTheDatabaseIsAwayCallsAnswer503InTimeAndReadinessIsDownThenAllWorksAgain() throws IOException {
        UUID organisation = api.createOrganisation("Outage Org");
        UUID project =
                created(api.post("/api/projects").organisation(organisation).json(Map.of("name", "Brand")));
        createQueries(organisation, project, 3, null);
        assertThat(readiness().status()).isEqualTo(200);

        stopDatabase();

        String scope = "x-organisation-id: " + organisation + "\r\nx-project-id: " + project;
        for (Supplier<RawHttp.Response> call : List.<Supplier<RawHttp.Response>>of(
                () -> call("GET", "/api/organisations/" + organisation, "x-organisation-id: " + organisation, null),
                () -> call("POST", "/api/organisations", "", "{\"name\":\"During the outage\"}"),
                () -> call("GET", "/api/projects/" + project, "x-organisation-id: " + organisation, null),
                () -> call("POST", "/api/queries/list", scope, "{}"),
                () -> call("POST", "/api/cached-jobs/trigger", scope, "{}"),
                () -> call("POST", "/api/cached-jobs/list", scope, "{}"),
                () -> call("GET", "/api/tags", scope, null))) {
            long started = System.nanoTime();
            RawHttp.Response response = call.get();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertUnavailable(response);
            assertThat(took).isLessThan(WITHIN);
        }
        long started = System.nanoTime();
        RawHttp.Response readiness = readiness();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WITHIN);
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(JSON.readTree(readiness.body()).get("status").asString()).isEqualTo("DOWN");
        assertThat(liveness().status()).isEqualTo(200);

        startDatabase();

        RawHttp.Response back = awaitSuccess(
                () -> call("GET", "/api/organisations/" + organisation, "x-organisation-id: " + organisation, null));
        assertThat(back.status()).isEqualTo(200);
        RawHttp.Response trigger = call("POST", "/api/cached-jobs/trigger", scope, "{}");
        assertThat(trigger.status()).as(trigger.body()).isEqualTo(201);
        assertThat(JSON.readTree(trigger.body()).size()).isEqualTo(3);
        assertThat(readiness().status()).isEqualTo(200);
        assertThat(count("select count(*) from organisations where name = 'During the outage'"))
                .isZero();
    }

    @Test
    void aTriggerInFlightWhenTheDatabaseGoesAwayLeavesNoPartialBatch() throws Exception {
        UUID organisation = api.createOrganisation("In flight Org");
        UUID project =
                created(api.post("/api/projects").organisation(organisation).json(Map.of("name", "Brand")));
        // 2000 queries: the writer's first batch of 1000 rows is in when the 1501st row stalls
        createQueries(organisation, project, 2000, 1500);
        execute("""
                create or replace function stall_on_marker() returns trigger language plpgsql as $$
                begin
                  if new.query_text = 'stall here' then perform pg_sleep(60); end if;
                  return new;
                end $$""");
        execute("create trigger stall_on_marker before insert on cached_jobs for each row "
                + "execute function stall_on_marker()");
        String scope = "x-organisation-id: " + organisation + "\r\nx-project-id: " + project;

        CompletableFuture<RawHttp.Response> trigger =
                CompletableFuture.supplyAsync(() -> call("POST", "/api/cached-jobs/trigger", scope, "{}"));
        awaitStalledInsert();
        stopDatabase();

        RawHttp.Response response = trigger.get(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        assertUnavailable(response);

        startDatabase();
        awaitSuccess(
                () -> call("GET", "/api/organisations/" + organisation, "x-organisation-id: " + organisation, null));
        execute("drop trigger stall_on_marker on cached_jobs");
        assertThat(count("select count(*) from cached_jobs where project_id = '" + project + "'"))
                .isZero();
        assertThat(count("select count(*) from queries where project_id = '" + project + "'"))
                .isEqualTo(2000);
    }

    private void assertUnavailable(RawHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("5");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("Exception", "java.", "SQL", "org.");
    }

    @Test
    void whileTheDatabaseIsAwayUnderLoadEveryCallAnswers503InTimeAndLivenessAtOnce() throws Exception {
        UUID organisation = api.createOrganisation("Outage under load Org");
        UUID project =
                created(api.post("/api/projects").organisation(organisation).json(Map.of("name", "Brand")));
        String scope = "x-organisation-id: " + organisation + "\r\nx-project-id: " + project;

        stopDatabase();

        // Each waits for a connection until the timeout; none may wait for a worker first
        ExecutorService clients = Executors.newFixedThreadPool(WAITING_CALLS);
        List<CompletableFuture<Duration>> waiting = new ArrayList<>();
        for (int i = 0; i < WAITING_CALLS; i++) {
            waiting.add(CompletableFuture.supplyAsync(
                    () -> {
                        long started = System.nanoTime();
                        assertUnavailable(call("POST", "/api/cached-jobs/list", scope, "{}"));
                        return Duration.ofNanos(System.nanoTime() - started);
                    },
                    clients));
        }
        Thread.sleep(300);
        long started = System.nanoTime();
        RawHttp.Response liveness = liveness();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(liveness.status()).isEqualTo(200);
        for (CompletableFuture<Duration> call : waiting) {
            assertThat(call.get(30, TimeUnit.SECONDS)).isLessThan(WITHIN);
        }
        clients.shutdown();

        startDatabase();
        awaitSuccess(
                () -> call("GET", "/api/organisations/" + organisation, "x-organisation-id: " + organisation, null));
    }

    private RawHttp.Response readiness() {
        return probes.send("GET /actuator/health/readiness HTTP/1.1\r\nHost: localhost", null, false);
    }

    private RawHttp.Response liveness() {
        return probes.send("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost", null, false);
    }

    /** A call with the credentials it needs: the operator token to create, else the test's organisation's key. */
    private RawHttp.Response call(String method, String path, String headers, String json) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        head.append(
                path.equals("/api/organisations")
                        ? "Authorization: Bearer " + Api.OPERATOR_TOKEN
                        : Api.KEY_HEADER + ": " + api.firstKey());
        if (!headers.isEmpty()) {
            head.append("\r\n").append(headers);
        }
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("\r\nContent-Type: application/json\r\nContent-Length: ")
                    .append(body.length);
        }
        return raw.send(head.toString(), body, false);
    }

    private static UUID created(Api.Request request) {
        Api.Response response = request.send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    /** {@code count} queries; the one at {@code marker} (if any) has the text the stall trigger waits for. */
    private void createQueries(UUID organisation, UUID project, int count, Integer marker) {
        for (int from = 0; from < count; from += 1000) {
            List<Map<String, String>> queries = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                String text = marker != null && i == marker ? "stall here" : "question " + i;
                queries.add(Map.of("query", text, "language", "en", "country", "US"));
            }
            Api.Response response = api.post("/api/queries/many")
                    .scope(organisation, project)
                    .json(Map.of("queries", queries))
                    .send();
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
    }

    private static void stopDatabase() throws IOException {
        postgres.close();
    }

    private static void startDatabase() {
        postgres = TestDatabase.embedded(dataDirectory, databasePort);
    }

    /** Polls until the call succeeds: the pool reconnects by itself, within a few seconds. */
    private static RawHttp.Response awaitSuccess(Supplier<RawHttp.Response> call) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        RawHttp.Response response = call.get();
        while (response.status() != 200 && System.nanoTime() < deadline) {
            assertThat(response.status()).as(response.body()).isEqualTo(503);
            sleep(200);
            response = call.get();
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static void awaitStalledInsert() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (count("select count(*) from pg_stat_activity where wait_event = 'PgSleep'") > 0) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("the trigger never reached the stalled row");
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    private static void execute(String sql) {
        try (Connection connection = connection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String sql) {
        try (Connection connection = connection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
