package io.cachedjobs.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code Idempotency-Key} on the creating calls: replays, mismatches, scoping, faults, expiry. */
class IdempotencyApiTest extends ApiTest {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static final String TRIGGER = "/api/cached-jobs/trigger";
    private static final Map<String, Object> ONE_RUN = Map.of("aiModels", List.of("openai"), "executionCount", 1);

    @Autowired
    IdempotencyKeys keys;

    @LocalServerPort
    int port;

    UUID organisation;
    UUID project;
    List<UUID> queries;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Retry Org");
        project = createProject(organisation, "Brand");
        queries = createQueries(organisation, project, "q1", "en", "US", "q2", "fr", "FR");
    }

    private Api.Response trigger(String key, Object body) {
        return api.post(TRIGGER)
                .scope(organisation, project)
                .header(KEY, key)
                .json(body)
                .send();
    }

    private int jobs() {
        return count("cached_jobs", "project_id", project);
    }

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** The second call answers exactly what the first did, marked replayed, and adds no row. */
    private static Api.Response assertReplayed(Supplier<Api.Request> call, IntSupplier rows, int status) {
        String key = newKey();
        Api.Response first = call.get().header(KEY, key).send();
        assertThat(first.status()).as(first.body()).isEqualTo(status);
        assertThat(first.header(REPLAYED)).isNull();
        int after = rows.getAsInt();

        Api.Response again = call.get().header(KEY, key).send();

        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.contentType()).isEqualTo(first.contentType());
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(again.header(REPLAYED)).isEqualTo("true");
        assertThat(rows.getAsInt()).isEqualTo(after);
        return first;
    }

    @Test
    void aRepeatedTriggerGetsTheFirstAnswerAndCreatesNoJobs() {
        String key = newKey();
        Api.Response first = trigger(key, ONE_RUN);
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(jobs()).isEqualTo(2);

        for (int i = 0; i < 3; i++) {
            Api.Response again = trigger(key, ONE_RUN);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.contentType()).isEqualTo(first.contentType());
            assertThat(again.header(REPLAYED)).isEqualTo("true");
        }
        assertThat(jobs()).isEqualTo(2);
    }

    @Test
    void everyCreatingCallReplaysItsFirstAnswerWithItsLocationAndCreatesNothingMore() {
        // Creating an organisation ignores the key: with no organisation to keep keys apart, a
        // replay would hand one caller's new organisation to a stranger reusing the key.
        String name = "Org " + UUID.randomUUID();
        String organisationKey = newKey();
        for (int i = 0; i < 2; i++) {
            Api.Response created = api.post("/api/organisations")
                    .operator()
                    .header(KEY, organisationKey)
                    .json(Map.of("name", name))
                    .send();
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header(REPLAYED)).isNull();
        }
        assertThat(jdbc.queryForObject("select count(*) from organisations where name = ?", Integer.class, name))
                .isEqualTo(2);

        Api.Response projectCreated = assertReplayed(
                () -> api.post("/api/projects").organisation(organisation).json(Map.of("name", "Other brand")),
                () -> count("projects", "organisation_id", organisation),
                201);
        assertThat(projectCreated.location()).contains("/api/projects/");

        IntSupplier queryRows = () -> count("queries", "project_id", project);
        Api.Response queryCreated = assertReplayed(
                () -> api.post("/api/queries")
                        .scope(organisation, project)
                        .json(Map.of("query", "q3", "language", "de", "country", "DE")),
                queryRows,
                201);
        assertThat(queryCreated.location()).contains("/api/queries/");
        assertReplayed(
                () -> api.post("/api/queries/many")
                        .scope(organisation, project)
                        .json(Map.of("queries", List.of(Map.of("query", "q4", "language", "en", "country", "GB")))),
                queryRows,
                201);

        Api.Response tagCreated = assertReplayed(
                () -> api.post("/api/tags")
                        .scope(organisation, project)
                        .json(Map.of("name", "Brand", "color", "#00ff00")),
                () -> count("tags", "project_id", project),
                201);
        assertThat(tagCreated.location()).contains("/api/tags/");

        assertReplayed(() -> api.post(TRIGGER).scope(organisation, project).json(ONE_RUN), this::jobs, 201);
        assertReplayed(
                () -> api.post("/api/cached-jobs/many")
                        .scope(organisation, project)
                        .json(Map.of(
                                "cachedJobs",
                                List.of(Map.of(
                                        "queryId",
                                        queries.get(0),
                                        "aiModels",
                                        List.of("deepseek"),
                                        "executionCount",
                                        2)))),
                this::jobs,
                201);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndCreatesNothing() {
        String key = newKey();
        assertThat(trigger(key, ONE_RUN).status()).isEqualTo(201);

        JsonNode otherBody = assertProblem(trigger(key, Map.of("aiModels", List.of("anthropic"))), 422);
        assertThat(otherBody.get("type").asString()).isEqualTo("urn:cached-jobs:problem:idempotency-mismatch");
        assertThat(otherBody.get("detail").asString()).contains(key);
        assertThat(errorFields(otherBody)).containsExactly(KEY);

        UUID otherProject = createProject(organisation, "Other brand");
        createQueries(organisation, otherProject, "q1", "en", "US");
        Api.Response otherProjectCall = api.post(TRIGGER)
                .scope(organisation, otherProject)
                .header(KEY, key)
                .json(ONE_RUN)
                .send();
        assertProblem(otherProjectCall, 422);
        Api.Response otherPath = api.post("/api/cached-jobs/many")
                .scope(organisation, project)
                .header(KEY, key)
                .json(ONE_RUN)
                .send();
        assertProblem(otherPath, 422);

        assertThat(jobs()).isEqualTo(2);
        assertThat(count("cached_jobs", "project_id", otherProject)).isZero();
    }

    @Test
    void keysBelongToOneOrganisation() {
        UUID otherOrganisation = createOrganisation("Other Org");
        UUID otherProject = createProject(otherOrganisation, "Brand");
        createQueries(otherOrganisation, otherProject, "q1", "en", "US");
        String key = "order-42";

        Api.Response mine = trigger(key, ONE_RUN);
        Api.Response theirs = api.post(TRIGGER)
                .scope(otherOrganisation, otherProject)
                .header(KEY, key)
                .json(Map.of("executionCount", 2))
                .send();

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).as(theirs.body()).isEqualTo(201);
        assertThat(theirs.header(REPLAYED)).isNull();
        assertThat(jobs()).isEqualTo(2);
        assertThat(count("cached_jobs", "project_id", otherProject)).isEqualTo(1);
    }

    @Test
    void aKeyThatIsEmptyTooLongNotVisibleAsciiOrRepeatedIsRefusedNamingTheHeader() {
        for (String bad : List.of("", "k".repeat(256), "tab\tinside", "with space")) {
            Api.Response refused = trigger(bad, ONE_RUN);
            assertThat(refused.status())
                    .as("[" + bad + "]"
                            + jdbc.queryForList(
                                    "select idempotency_key, encode(convert_to(idempotency_key, 'UTF8'), 'hex') from idempotency_keys where organisation_id = ?",
                                    organisation))
                    .isEqualTo(400);
            JsonNode problem = assertProblem(refused, 400);
            assertThat(errorFields(problem)).as(bad).containsExactly(KEY);
        }
        // The HTTP client will not send these bytes, so they go over a socket of their own. Control
        // characters other than tab never reach the service: the server's HTTP parser refuses them.
        assertThat(rawTrigger(new byte[] {'k', 0x01})).startsWith("HTTP/1.1 400");
        assertThat(rawTrigger(new byte[] {'k', 0x7F})).startsWith("HTTP/1.1 400");
        assertThat(rawTrigger(new byte[] {'c', 'l', (byte) 0xE9}))
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json", "\"field\":\"" + KEY + "\"");
        Api.Response twice = api.post(TRIGGER)
                .scope(organisation, project)
                .header(KEY, "a")
                .header(KEY, "b")
                .json(ONE_RUN)
                .send();
        assertThat(assertProblem(twice, 400).at("/errors/0/message").asString()).contains("once");
        assertThat(jobs()).isZero();

        assertThat(trigger("k".repeat(255), ONE_RUN).status()).isEqualTo(201);
        assertThat(trigger("!~\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}", ONE_RUN).status())
                .isEqualTo(201);
    }

    /** A trigger whose Idempotency-Key is the given bytes; answers the whole HTTP answer as text. */
    private String rawTrigger(byte[] key) {
        byte[] body = Api.json(ONE_RUN).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST " + TRIGGER + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                        + "x-organisation-id: " + organisation + "\r\nx-project-id: " + project + "\r\n"
                        + Api.KEY_HEADER + ": " + api.keyOf(organisation) + "\r\n"
                        + KEY + ": ")
                .getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(key);
        request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toByteArray());
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void callsWithoutAKeyBehaveAsBefore() {
        Api.Response first =
                api.post(TRIGGER).scope(organisation, project).json(ONE_RUN).send();
        Api.Response second =
                api.post(TRIGGER).scope(organisation, project).json(ONE_RUN).send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header(REPLAYED)).isNull();
        assertThat(second.body()).isNotEqualTo(first.body());
        assertThat(jobs()).isEqualTo(4);
    }

    @Test
    void aKeyOnACallThatCreatesNothingIsIgnored() {
        Api.Response list = api.post("/api/cached-jobs/list")
                .scope(organisation, project)
                .header(KEY, "")
                .send();
        assertThat(list.status()).isEqualTo(200);
    }

    @Test
    void aClientErrorIsKeptAndReplayed() {
        String key = newKey();
        Api.Response first = trigger(key, Map.of("executionCount", 0));
        JsonNode problem = assertProblem(first, 400);
        assertThat(errorFields(problem)).containsExactly("executionCount");

        Api.Response again = trigger(key, Map.of("executionCount", 0));
        assertProblem(again, 400);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header(REPLAYED)).isEqualTo("true");

        // The corrected request is another request: it needs a new key.
        assertProblem(trigger(key, Map.of("executionCount", 1)), 422);
        assertThat(jobs()).isZero();
    }

    @Test
    void aMissingTenantHeaderIsKeptLikeAnyRefusalInTheKeysOrganisation() {
        String key = newKey();
        Api.Response withoutOrganisation =
                api.post(TRIGGER).header(KEY, key).json(ONE_RUN).send();
        assertThat(errorFields(assertProblem(withoutOrganisation, 400)))
                .containsExactly("x-organisation-id", "x-project-id");
        Api.Response again = api.post(TRIGGER).header(KEY, key).json(ONE_RUN).send();
        assertThat(again.body()).isEqualTo(withoutOrganisation.body());
        assertThat(again.header(REPLAYED)).isEqualTo("true");

        // With the headers it is another request (the project is part of it): a new key runs it.
        assertProblem(trigger(key, ONE_RUN), 422);
        Api.Response withBoth = trigger(newKey(), ONE_RUN);
        assertThat(withBoth.status()).isEqualTo(201);
        assertThat(withBoth.header(REPLAYED)).isNull();
    }

    @Test
    void aConflictIsNotKeptSoThatTheRetryItAsksForRuns() {
        Map<String, String> tag = Map.of("name", "Taken", "color", "#123456");
        Api.Response existing =
                api.post("/api/tags").scope(organisation, project).json(tag).send();
        assertThat(existing.status()).isEqualTo(201);
        String key = newKey();
        Supplier<Api.Response> create = () -> api.post("/api/tags")
                .scope(organisation, project)
                .header(KEY, key)
                .json(tag)
                .send();

        assertProblem(create.get(), 409);
        String id = existing.json().get("id").asString();
        assertThat(api.method("DELETE", "/api/tags/" + id)
                        .scope(organisation, project)
                        .send()
                        .status())
                .isEqualTo(204);

        Api.Response retried = create.get();
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header(REPLAYED)).isNull();
    }

    @Test
    void anAnswerThatAHeaderMendsIsNotKept() {
        String key = newKey();
        Map<String, String> tag = Map.of("name", "Mended", "color", "#ABCDEF");

        Api.Response wrongType = api.post("/api/tags")
                .scope(organisation, project)
                .header(KEY, key)
                .contentType("text/plain")
                .json(tag)
                .send();
        assertThat(wrongType.status()).isEqualTo(415);

        Api.Response mended = api.post("/api/tags")
                .scope(organisation, project)
                .header(KEY, key)
                .json(tag)
                .send();
        assertThat(mended.status()).as(mended.body()).isEqualTo(201);
        assertThat(mended.header(REPLAYED)).isNull();
    }

    @Test
    void aServerErrorIsNotKeptAndTheRetryRunsAgain() throws Exception {
        createQueries(organisation, project, "idempotency-fault", "en", "US");
        String key = newKey();
        try (AutoCloseable fault = failingJobInserts("idempotency-fault")) {
            assertProblem(trigger(key, ONE_RUN), 500);
        }
        assertThat(jobs()).isZero();

        Api.Response retried = trigger(key, ONE_RUN);

        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header(REPLAYED)).isNull();
        assertThat(jobs()).isEqualTo(3);
        assertThat(trigger(key, ONE_RUN).header(REPLAYED)).isEqualTo("true");
    }

    @Test
    void aRepeatWhileTheFirstRunsIsAConflictToRetryAndAnotherRequestStillAMismatch() {
        createQueries(organisation, project, "idempotency-slow", "en", "US");
        jdbc.execute("""
                create or replace function slow_idempotency_job() returns trigger language plpgsql as $$
                begin
                  if new.query_text = 'idempotency-slow' then
                    perform pg_sleep(2);
                  end if;
                  return new;
                end $$""");
        jdbc.execute("create trigger slow_idempotency_job before insert on cached_jobs "
                + "for each row execute function slow_idempotency_job()");
        String key = newKey();
        try {
            CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(() -> trigger(key, ONE_RUN));
            awaitClaim(key);

            Api.Response repeat = trigger(key, ONE_RUN);
            JsonNode running = assertProblem(repeat, 409);
            assertThat(running.get("type").asString()).isEqualTo("urn:cached-jobs:problem:idempotency-in-progress");
            assertThat(running.get("detail").asString()).contains(key);
            assertThat(repeat.header("Retry-After")).isEqualTo("1");
            assertProblem(trigger(key, Map.of("executionCount", 2)), 422);

            Api.Response answer = first.join();
            assertThat(answer.status()).isEqualTo(201);
            Api.Response after = trigger(key, ONE_RUN);
            assertThat(after.body()).isEqualTo(answer.body());
            assertThat(after.header(REPLAYED)).isEqualTo("true");
        } finally {
            jdbc.execute("drop trigger slow_idempotency_job on cached_jobs");
            jdbc.execute("drop function slow_idempotency_job()");
        }
        assertThat(jobs()).isEqualTo(3);
    }

    private void awaitClaim(String key) {
        for (int i = 0; i < 200; i++) {
            Integer running = jdbc.queryForObject(
                    "select count(*) from idempotency_keys where idempotency_key = ? and status is null",
                    Integer.class,
                    key);
            if (running != null && running == 1) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the first call never claimed its key");
    }

    @Test
    void anExpiredKeyIsIgnoredAndPurged() {
        String key = newKey();
        assertThat(trigger(key, ONE_RUN).status()).isEqualTo(201);
        expire(key);

        Api.Response another = trigger(key, Map.of("executionCount", 2));

        assertThat(another.status()).as(another.body()).isEqualTo(201);
        assertThat(another.header(REPLAYED)).isNull();
        assertThat(jobs()).isEqualTo(4);
        assertThat(trigger(key, Map.of("executionCount", 2)).header(REPLAYED)).isEqualTo("true");

        expire(key);
        assertThat(keys.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from idempotency_keys where idempotency_key = ?", Integer.class, key))
                .isZero();
    }

    @Test
    void answersAreKeptForTheConfiguredRetention() {
        String key = newKey();
        assertThat(trigger(key, ONE_RUN).status()).isEqualTo(201);
        Boolean keptADay = jdbc.queryForObject(
                "select expires_at >= now() + interval '23 hours 59 minutes' from idempotency_keys "
                        + "where organisation_id = ? and idempotency_key = ?",
                Boolean.class,
                organisation,
                key);
        assertThat(keptADay).isTrue();
    }

    private void expire(String key) {
        jdbc.update(
                "update idempotency_keys set expires_at = now() - interval '1 second' "
                        + "where organisation_id = ? and idempotency_key = ?",
                organisation,
                key);
    }
}
