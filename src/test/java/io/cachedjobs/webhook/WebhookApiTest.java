package io.cachedjobs.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The webhook endpoints' API, with the SSRF guard on as in production (no http, no local address)
 * and host names from {@link TestHosts}. The runner is off: deliveries are made, not sent.
 */
@TestPropertySource(properties = "cachedjobs.webhooks.allow-private-addresses=false")
@Import(TestHosts.class)
class WebhookApiTest extends ApiTest {

    static final String URL = "https://hooks.example.com/cached-jobs";

    @Autowired
    WebhookEvents events;

    @Autowired
    TransactionTemplate transactions;

    UUID organisation;

    @BeforeEach
    void organisation() {
        organisation = createOrganisation("Webhook Org");
    }

    private Api.Response create(Object body) {
        return api.post("/api/webhooks").organisation(organisation).json(body).send();
    }

    private JsonNode created(List<String> events) {
        Api.Response response = create(Map.of("url", URL, "events", events, "description", " Pipeline "));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private Api.Response call(String method, String path) {
        return api.method(method, path).organisation(organisation).send();
    }

    @Test
    void anEndpointIsMadeWithASecretShownOnceThenReadChangedAndDeleted() {
        Api.Response response = create(Map.of("url", URL, "events", List.of("run.completed", "run.completed")));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode made = response.json();
        String id = made.get("id").asString();
        assertThat(response.location()).endsWith("/api/webhooks/" + id);
        assertThat(made.get("secret").asString()).startsWith("whsec_");
        assertThat(made.get("events").toString()).isEqualTo("[\"run.completed\"]");
        assertThat(made.get("enabled").asBoolean()).isTrue();
        assertThat(made.get("disabledReason").isNull()).isTrue();

        JsonNode read = call("GET", "/api/webhooks/" + id).json();
        assertThat(read.has("secret")).isFalse();
        assertThat(read.toString()).doesNotContain(made.get("secret").asString());
        assertThat(read.get("url").asString()).isEqualTo(URL);
        JsonNode list = call("GET", "/api/webhooks?limit=10").json();
        assertThat(list.at("/page/totalRecords").asInt()).isEqualTo(1);
        assertThat(list.at("/results/0/id").asString()).isEqualTo(id);
        assertThat(list.toString()).doesNotContain(made.get("secret").asString());

        JsonNode changed = api.method("PATCH", "/api/webhooks/" + id)
                .organisation(organisation)
                .json(Map.of(
                        "url",
                        "https://rebind.example.com/hook",
                        "events",
                        List.of("cached_job.ended", "engine.paused"),
                        "description",
                        "Alerts",
                        "enabled",
                        false))
                .send()
                .json();
        assertThat(changed.get("url").asString()).isEqualTo("https://rebind.example.com/hook");
        assertThat(changed.get("events").toString()).isEqualTo("[\"cached_job.ended\",\"engine.paused\"]");
        assertThat(changed.get("description").asString()).isEqualTo("Alerts");
        assertThat(changed.get("enabled").asBoolean()).isFalse();
        assertThat(changed.get("disabledReason").asString()).isEqualTo("Disabled by an admin");
        assertThat(changed.get("disabledAt").isNull()).isFalse();

        JsonNode enabled = api.method("PATCH", "/api/webhooks/" + id)
                .organisation(organisation)
                .json(Map.of("enabled", true, "description", ""))
                .send()
                .json();
        assertThat(enabled.get("enabled").asBoolean()).isTrue();
        assertThat(enabled.get("disabledReason").isNull()).isTrue();
        assertThat(enabled.get("description").isNull()).isTrue();
        assertThat(enabled.get("url").asString()).isEqualTo("https://rebind.example.com/hook");

        assertThat(call("DELETE", "/api/webhooks/" + id).status()).isEqualTo(204);
        assertProblem(call("GET", "/api/webhooks/" + id), 404);
        assertProblem(call("DELETE", "/api/webhooks/" + id), 404);
    }

    @Test
    void aRotationAnswersTheNewSecretOnceAndTheOldOneSignsFor24HoursMore() {
        JsonNode made = created(List.of("run.completed"));
        String id = made.get("id").asString();
        Instant before = Instant.now();

        Api.Response rotated = call("POST", "/api/webhooks/" + id + "/rotate-secret");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String secret = rotated.json().get("secret").asString();
        assertThat(secret).startsWith("whsec_").isNotEqualTo(made.get("secret").asString());
        Instant until =
                Instant.parse(rotated.json().get("previousSecretExpiresAt").asString());
        assertThat(until)
                .isBetween(
                        before.plus(Duration.ofHours(24)).minusSeconds(5),
                        Instant.now().plus(Duration.ofHours(24)));
        assertThat(call("GET", "/api/webhooks/" + id)
                        .json()
                        .get("previousSecretExpiresAt")
                        .asString())
                .isEqualTo(rotated.json().get("previousSecretExpiresAt").asString());
        assertThat(jdbc.queryForObject(
                        "select previous_secret from webhook_endpoints where id = ?::uuid", String.class, id))
                .isEqualTo(made.get("secret").asString());
    }

    @Test
    void aTestEventIsADeliveryToThatEndpointOnlyAndADisabledEndpointIsRefused() {
        String id = created(List.of("run.completed")).get("id").asString();
        String other = created(List.of("run.completed")).get("id").asString();

        Api.Response test = call("POST", "/api/webhooks/" + id + "/test");

        assertThat(test.status()).as(test.body()).isEqualTo(202);
        JsonNode delivery = test.json();
        assertThat(delivery.get("eventType").asString()).isEqualTo("webhook.test");
        assertThat(delivery.get("status").asString()).isEqualTo("pending");
        assertThat(delivery.get("attempts")).isEmpty();
        JsonNode page = call("GET", "/api/webhooks/" + id + "/deliveries").json();
        assertThat(page.at("/page/totalRecords").asInt()).isEqualTo(1);
        assertThat(page.at("/results/0/id").asString())
                .isEqualTo(delivery.get("id").asString());
        assertThat(call("GET", "/api/webhooks/" + other + "/deliveries")
                        .json()
                        .at("/page/totalRecords")
                        .asInt())
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from scheduled_tasks where task_name = 'webhook-delivery' and task_instance = ?",
                        Integer.class,
                        delivery.get("id").asString()))
                .isEqualTo(1);
        String body = jdbc.queryForObject(
                "select body from webhook_events where id = ?::uuid",
                String.class,
                delivery.get("eventId").asString());
        assertThat(body)
                .startsWith("{\"type\":\"webhook.test\",\"timestamp\":\"")
                .contains("\"data\":{\"webhookId\":\"" + id + "\"}");

        Api.Response again = call(
                "POST",
                "/api/webhooks/" + id + "/deliveries/" + delivery.get("id").asString() + "/redeliver");
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().get("status").asString()).isEqualTo("pending");

        api.method("PATCH", "/api/webhooks/" + id)
                .organisation(organisation)
                .json(Map.of("enabled", false))
                .send();
        assertProblem(call("POST", "/api/webhooks/" + id + "/test"), 409);
        assertProblem(
                call(
                        "POST",
                        "/api/webhooks/" + id + "/deliveries/"
                                + delivery.get("id").asString() + "/redeliver"),
                409);
        assertProblem(call("POST", "/api/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver"), 409);
    }

    @Test
    void anotherOrganisationsKeySeesNoneOfTheEndpointsAndChangesNothing() {
        String id = created(List.of("run.completed")).get("id").asString();
        String delivery =
                call("POST", "/api/webhooks/" + id + "/test").json().get("id").asString();
        UUID stranger = createOrganisation("Stranger");

        for (String[] call : List.of(
                new String[] {"GET", "/api/webhooks/" + id},
                new String[] {"DELETE", "/api/webhooks/" + id},
                new String[] {"POST", "/api/webhooks/" + id + "/rotate-secret"},
                new String[] {"POST", "/api/webhooks/" + id + "/test"},
                new String[] {"GET", "/api/webhooks/" + id + "/deliveries"},
                new String[] {"POST", "/api/webhooks/" + id + "/deliveries/" + delivery + "/redeliver"})) {
            assertProblem(api.method(call[0], call[1]).organisation(stranger).send(), 404);
        }
        assertProblem(
                api.method("PATCH", "/api/webhooks/" + id)
                        .organisation(stranger)
                        .json(Map.of("enabled", false))
                        .send(),
                404);
        assertThat(api.get("/api/webhooks")
                        .organisation(stranger)
                        .send()
                        .json()
                        .at("/page/totalRecords")
                        .asInt())
                .isZero();
        assertThat(call("GET", "/api/webhooks/" + id).json().get("enabled").asBoolean())
                .isTrue();
    }

    @ParameterizedTest(name = "a {0} key gets 403")
    @ValueSource(strings = {"viewer", "editor"})
    void onlyAdminKeysReachWebhooks(String role) {
        String id = created(List.of("run.completed")).get("id").asString();
        String key = api.post("/api/api-keys")
                .organisation(organisation)
                .json(Map.of("name", role, "role", role))
                .send()
                .json()
                .get("key")
                .asString();
        assertProblem(
                api.get("/api/webhooks").organisation(organisation).key(key).send(), 403);
        assertProblem(
                api.get("/api/webhooks/" + id)
                        .organisation(organisation)
                        .key(key)
                        .send(),
                403);
        assertProblem(
                api.post("/api/webhooks")
                        .organisation(organisation)
                        .key(key)
                        .json(Map.of("url", URL, "events", List.of("run.completed")))
                        .send(),
                403);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"events\":[\"run.completed\"]}|url",
                "{\"url\":\"\",\"events\":[\"run.completed\"]}|url",
                "{\"url\":\"not a url\",\"events\":[\"run.completed\"]}|url",
                "{\"url\":\"/relative/path\",\"events\":[\"run.completed\"]}|url",
                "{\"url\":\"ftp://hooks.example.com/x\",\"events\":[\"run.completed\"]}|url",
                "{\"url\":\"https://user:secret@hooks.example.com/x\",\"events\":[\"run.completed\"]}|url",
                "{\"url\":\"https://hooks.example.com/x\"}|events",
                "{\"url\":\"https://hooks.example.com/x\",\"events\":[]}|events",
                "{\"url\":\"https://hooks.example.com/x\",\"events\":[\"run.completed\",\"job.exploded\"]}|events[1]",
                "{\"url\":\"https://hooks.example.com/x\",\"events\":[\"webhook.test\"]}|events[0]",
                "{\"url\":\"https://hooks.example.com/x\",\"events\":[null]}|events[0]",
                "{\"url\":\"https://hooks.example.com/x\",\"events\":\"run.completed\"}|events"
            })
    void badInputIsAProblemNamingTheField(String body, String field) {
        JsonNode problem = assertProblem(
                api.post("/api/webhooks").organisation(organisation).body(body).send(), 400);
        assertThat(errorFields(problem)).contains(field);
        assertThat(count("webhook_endpoints", "organisation_id", organisation)).isZero();
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource({
        "http://hooks.example.com/x, must be https",
        "https://127.0.0.1/x, loopback",
        "https://10.0.0.1/x, private",
        "https://10.20.30.40:8443/x, private",
        "https://192.168.0.10/x, private",
        "https://169.254.169.254/latest/meta-data, metadata",
        "https://[::1]/x, loopback",
        "https://[::ffff:127.0.0.1]/x, loopback",
        "https://[::ffff:a9fe:a9fe]/x, metadata",
        "https://[fd00::1]/x, unique-local",
        "https://[fe80::1]/x, link-local",
        "https://localhost/x, name of this machine",
        "https://metadata.google.internal/computeMetadata/v1, metadata",
        "https://private.example.com/x, private",
        "https://metadata.example.com/x, metadata",
        "https://loopback.example.com/x, loopback",
        "https://v6.example.com/x, unique-local",
        "https://mapped.example.com/x, loopback",
        "https://mixed.example.com/x, loopback",
        "https://nowhere.example.com/x, does not resolve"
    })
    void aUrlThatIsNotHttpsOrNotPublicIsA422NamingUrlAndWhy(String url, String why) {
        JsonNode problem = assertProblem(create(Map.of("url", url, "events", List.of("run.completed"))), 422);
        assertThat(problem.get("type").asString()).endsWith("url-refused");
        assertThat(errorFields(problem)).containsExactly("url");
        assertThat(problem.at("/errors/0/message").asString()).contains(why);
        assertThat(count("webhook_endpoints", "organisation_id", organisation)).isZero();

        String id = created(List.of("run.completed")).get("id").asString();
        JsonNode patched = assertProblem(
                api.method("PATCH", "/api/webhooks/" + id)
                        .organisation(organisation)
                        .json(Map.of("url", url))
                        .send(),
                422);
        assertThat(errorFields(patched)).containsExactly("url");
        assertThat(call("GET", "/api/webhooks/" + id).json().get("url").asString())
                .isEqualTo(URL);
    }

    @Test
    void anEventPublishedInAChangeThatRollsBackLeavesNothingToSend() {
        created(List.of("engine.paused"));
        UUID project = createProject(organisation, "Kept name");
        long events = countAll("webhook_events");

        transactions.executeWithoutResult(status -> {
            jdbc.update("update projects set name = 'Renamed' where id = ?", project);
            this.events.publish(WebhookEventType.ENGINE_PAUSED, organisation, Map.of("account", "openai"));
            assertThat(countAll("webhook_events")).isEqualTo(events + 1);
            status.setRollbackOnly();
        });

        assertThat(countAll("webhook_events")).isEqualTo(events);
        assertThat(jdbc.queryForObject("select name from projects where id = ?", String.class, project))
                .isEqualTo("Kept name");
        transactions.executeWithoutResult(status -> {
            jdbc.update("update projects set name = 'Renamed' where id = ?", project);
            this.events.publish(WebhookEventType.ENGINE_PAUSED, organisation, Map.of("account", "openai"));
        });
        assertThat(countAll("webhook_events")).isEqualTo(events + 1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from webhook_deliveries d join webhook_endpoints w on w.id = d.endpoint_id"
                                + " join scheduled_tasks t on t.task_instance = d.id::text where w.organisation_id = ?",
                        Integer.class,
                        organisation))
                .isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> this.events.publish(WebhookEventType.ENGINE_PAUSED, organisation, Map.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEventNoEndpointTakesWritesNothing() {
        created(List.of("run.completed"));
        long events = countAll("webhook_events");
        transactions.executeWithoutResult(status ->
                this.events.publish(WebhookEventType.CACHED_JOB_ENDED, organisation, Map.of("cachedJobId", "x")));
        assertThat(countAll("webhook_events")).isEqualTo(events);
    }

    private long countAll(String table) {
        Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return count == null ? 0 : count;
    }
}
