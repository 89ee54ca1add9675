package io.cachedjobs.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.cachedjobs.support.EngineFixtures.fixture;
import static io.cachedjobs.support.EngineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.RunningApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runner's events, sent to real local receivers while real runs of jobs go through a stub
 * Anthropic engine: one run.completed per finished run, each job's end, each execution that fails
 * for good, an engine account's pause and resume; each verified with Standard Webhooks' own Java
 * library, as a receiver would.
 */
@TestPropertySource(
        properties = {
            "cachedjobs.engines.accounts.anthropic.api-key=test-anthropic-key",
            "cachedjobs.engines.accounts.anthropic.requests-per-minute=6000",
            "cachedjobs.runner.paused-retry=300ms",
            "cachedjobs.runner.recurrence-interval=200ms"
        })
class WebhookRunApiTest extends RunningApiTest {

    static final WireMockServer ENGINE = new WireMockServer(options().dynamicPort());
    static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        if (!ENGINE.isRunning()) {
            ENGINE.start();
            RECEIVER.start();
            RECEIVER.stubFor(post(urlEqualTo("/mine")).willReturn(aResponse().withStatus(204)));
            RECEIVER.stubFor(post(urlEqualTo("/theirs")).willReturn(aResponse().withStatus(200)));
        }
        registry.add("cachedjobs.engines.accounts.anthropic.base-url", ENGINE::baseUrl);
    }

    @AfterAll
    static void stopServers() {
        ENGINE.stop();
        RECEIVER.stop();
    }

    UUID organisation;
    UUID project;
    String secret;

    @BeforeEach
    void organisationWithAnEndpoint() {
        RECEIVER.resetRequests();
        organisation = createOrganisation("Run Org");
        project = createProject(organisation, "Brand");
        secret = endpoint(
                organisation,
                "/mine",
                List.of(
                        "run.completed",
                        "cached_job.ended",
                        "job_execution.failed",
                        "engine.paused",
                        "engine.resumed"));
    }

    private String endpoint(UUID owner, String path, List<String> events) {
        Api.Response made = api.post("/api/webhooks")
                .organisation(owner)
                .json(Map.of("url", RECEIVER.baseUrl() + path, "events", events))
                .send();
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return made.json().get("secret").asString();
    }

    private static void answer(
            String query, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        ENGINE.stubFor(post("/v1/messages")
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(query)))
                .willReturn(response));
    }

    private JsonNode trigger(int runs) {
        Api.Response triggered = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .json(Map.of("aiModels", List.of("anthropic"), "executionCount", runs))
                .send();
        assertThat(triggered.status()).as(triggered.body()).isEqualTo(201);
        return triggered.json();
    }

    /** The bodies of the events of {@code type} {@code path} got, once there are {@code count}, verified. */
    private List<JsonNode> received(String path, String type, int count) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> found;
        do {
            found = new ArrayList<>();
            for (LoggedRequest call : Receiver.calls(RECEIVER, path)) {
                JsonNode body = JSON.readTree(call.getBodyAsString());
                if (body.get("type").asString().equals(type)) {
                    found.add(body);
                }
            }
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < until);
        throw new AssertionError(path + " got " + found.size() + " " + type + " events, not " + count);
    }

    /** Every call {@code path} got, checked with Standard Webhooks' library and {@code secret}. */
    private static void verifyAll(String path, String secret) throws Exception {
        Webhook receiver = new Webhook(secret);
        for (LoggedRequest call : Receiver.calls(RECEIVER, path)) {
            receiver.verify(
                    call.getBodyAsString(),
                    Map.of(
                            "webhook-id", List.of(call.getHeader("webhook-id")),
                            "webhook-timestamp", List.of(call.getHeader("webhook-timestamp")),
                            "webhook-signature", List.of(call.getHeader("webhook-signature"))));
        }
    }

    @Test
    void aFinishedRunSendsOneVerifiableRunCompletedWithItsCountsAndEachJobsEndAndFailure() throws Exception {
        String theirs = endpoint(createOrganisation("Other Org"), "/theirs", List.of("run.completed"));
        createQueries(
                organisation,
                project,
                "run answers",
                "en",
                "US",
                "run also answers",
                "en",
                "GB",
                "run refused",
                "en",
                "US");
        answer("run answers", okJson(fixture("anthropic/answer.json")));
        answer("run also answers", okJson(fixture("anthropic/answer.json")));
        answer(
                "run refused",
                json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"no\"}}"));
        JsonNode jobs = trigger(2);
        for (JsonNode job : jobs) {
            awaitEnded(organisation, project, job.get("id").asString());
        }
        UUID run = jdbc.queryForObject(
                "select distinct run_id from cached_jobs where project_id = ?", UUID.class, project);

        JsonNode completed = received("/mine", "run.completed", 1).get(0);

        JsonNode data = completed.get("data");
        assertThat(data.get("runId").asString()).isEqualTo(run.toString());
        assertThat(data.get("projectId").asString()).isEqualTo(project.toString());
        assertThat(data.get("trigger").asString()).isEqualTo("api");
        assertThat(data.get("jobs").asInt()).isEqualTo(3);
        assertThat(data.get("completedJobs").asInt()).isEqualTo(2);
        assertThat(data.get("failedJobs").asInt()).isEqualTo(1);
        assertThat(data.get("partialFailedJobs").asInt()).isZero();
        assertThat(data.get("successExecutions").asInt()).isEqualTo(4);
        assertThat(data.get("failedExecutions").asInt()).isEqualTo(2);
        List<JsonNode> ended = received("/mine", "cached_job.ended", 3);
        assertThat(ended).hasSize(3);
        assertThat(ended.stream().map(event -> event.at("/data/cachedJobId").asString()))
                .containsExactlyInAnyOrderElementsOf(
                        jobs.valueStream().map(job -> job.get("id").asString()).toList());
        assertThat(ended.stream().map(event -> event.at("/data/outcome").asString()))
                .containsExactlyInAnyOrder("completed", "completed", "failed");
        List<JsonNode> failed = received("/mine", "job_execution.failed", 2);
        assertThat(failed).hasSize(2).allSatisfy(event -> {
            assertThat(event.at("/data/errorType").asString()).isEqualTo("bad-request");
            assertThat(event.at("/data/providerKey").asString()).isEqualTo("anthropic");
        });
        verifyAll("/mine", secret);
        assertThat(Receiver.calls(RECEIVER, "/theirs")).isEmpty();

        // A second run: its own run.completed, and the first is not sent again.
        for (JsonNode job : trigger(1)) {
            awaitEnded(organisation, project, job.get("id").asString());
        }
        List<JsonNode> runs = received("/mine", "run.completed", 2);
        Thread.sleep(1000);
        runs = received("/mine", "run.completed", 2);
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1).at("/data/runId").asString()).isNotEqualTo(run.toString());
        assertThat(runs.get(1).at("/data/jobs").asInt()).isEqualTo(3);
        assertThat(Receiver.calls(RECEIVER, "/mine").stream().map(call -> call.getHeader("webhook-id")))
                .doesNotHaveDuplicates();
        verifyAll("/mine", secret);
        assertThat(Receiver.calls(RECEIVER, "/theirs")).isEmpty();
        assertThat(theirs).startsWith("whsec_");
    }

    @Test
    void aRunOfAProjectsRecurrenceSendsItsRunCompletedOnceItsJobsHaveEnded() throws Exception {
        Api.Response made = api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of(
                        "name",
                        "Daily",
                        "recurrence",
                        "daily",
                        "llmProviders",
                        List.of("anthropic"),
                        "executionCount",
                        2))
                .send();
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        UUID recurring = UUID.fromString(made.json().get("id").asString());
        createQueries(recurring, "recurring answers", "recurring again");
        answer("recurring answers", okJson(fixture("anthropic/answer.json")));
        answer("recurring again", okJson(fixture("anthropic/answer.json")));
        // Due a minute ago: the recurrence's next round (every 200 ms here) runs it.
        jdbc.update("update projects set next_run_at = now() - interval '1 minute' where id = ?", recurring);

        JsonNode completed = received("/mine", "run.completed", 1).get(0);

        JsonNode data = completed.get("data");
        assertThat(data.get("projectId").asString()).isEqualTo(recurring.toString());
        assertThat(data.get("trigger").asString()).isEqualTo("recurrence");
        assertThat(data.get("jobs").asInt()).isEqualTo(2);
        assertThat(data.get("completedJobs").asInt()).isEqualTo(2);
        assertThat(data.get("successExecutions").asInt()).isEqualTo(4);
        assertThat(data.get("runId").asString())
                .isEqualTo(jdbc.queryForObject(
                                "select run_id from project_runs where project_id = ?", UUID.class, recurring)
                        .toString());
        assertThat(jdbc.queryForList("select status from cached_jobs where project_id = ?", String.class, recurring))
                .containsOnly("ended");
        verifyAll("/mine", secret);
    }

    @Test
    void aJobsEndWhoseWebhookCannotBeWrittenDoesNotCommitEither() throws Exception {
        String query = "outbox refuses";
        createQueries(project, query);
        answer(query, okJson(fixture("anthropic/answer.json")));
        // The outbox refuses this project's cached_job.ended: the transaction that ends the job with
        // it fails whole, so the job does not end without its webhook.
        String fault = "fail_outbox_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("create function " + fault + "() returns trigger language plpgsql as $$ begin"
                + " if new.type = 'cached_job.ended' and new.body like '%" + project + "%' then"
                + " raise exception 'injected fault'; end if; return new; end $$");
        jdbc.execute("create trigger " + fault + " before insert on webhook_events for each row execute function "
                + fault + "()");
        try {
            String job = trigger(1).get(0).get("id").asString();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ENGINE.getAllServeEvents().stream()
                            .noneMatch(event ->
                                    event.getRequest().getBodyAsString().contains(query))
                    && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertThat(ENGINE.getAllServeEvents())
                    .as("the engine was asked")
                    .anyMatch(event -> event.getRequest().getBodyAsString().contains(query));
            // Time for the answer to be recorded, were it to be.
            Thread.sleep(2000);

            JsonNode notEnded = get(api, organisation, project, job);
            assertThat(notEnded.get("status").asString()).isEqualTo("active");
            assertThat(notEnded.get("successExecutions").asInt()).isZero();
            assertThat(jdbc.queryForList(
                            "select status from job_executions where cached_job_id = ?::uuid", String.class, job))
                    .containsExactly("running");
            assertThat(jdbc.queryForObject(
                            "select count(*) from webhook_events where body like ?", Integer.class, "%" + job + "%"))
                    .isZero();
            assertThat(Receiver.calls(RECEIVER, "/mine")).isEmpty();
        } finally {
            jdbc.execute("drop trigger " + fault + " on webhook_events");
            jdbc.execute("drop function " + fault + "()");
        }
    }

    private void createQueries(UUID inProject, String... texts) {
        for (String text : texts) {
            createQueries(organisation, inProject, text, "en", "US");
        }
    }

    @Test
    void anAccountOutOfCreditIsAnnouncedToEveryOrganisationsSubscribedEndpointAndSoIsItsResume() throws Exception {
        String theirs = endpoint(createOrganisation("Other Org"), "/theirs", List.of("engine.paused"));
        String query = "run out of credit";
        createQueries(organisation, project, query, "en", "US");
        ENGINE.stubFor(post("/v1/messages")
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(query)))
                .inScenario(query)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                        json(
                                402,
                                "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"Your credit balance is too low\"}}"))
                .willSetStateTo("credited"));
        ENGINE.stubFor(post("/v1/messages")
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(query)))
                .inScenario(query)
                .whenScenarioStateIs("credited")
                .willReturn(okJson(fixture("anthropic/answer.json"))));
        String job = trigger(1).get(0).get("id").asString();

        JsonNode paused = received("/mine", "engine.paused", 1).get(0);
        assertThat(paused.at("/data/account").asString()).isEqualTo("anthropic");
        assertThat(paused.at("/data/reason").asString()).isEqualTo("out-of-credit");
        assertThat(paused.at("/data/pausedUntil").isNull()).isTrue();
        assertThat(received("/theirs", "engine.paused", 1)
                        .get(0)
                        .at("/data/account")
                        .asString())
                .isEqualTo("anthropic");

        Api.Response resumed = api.post("/api/ai-providers/accounts/anthropic/resume")
                .operator()
                .send();
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);

        JsonNode back = received("/mine", "engine.resumed", 1).get(0);
        assertThat(back.at("/data/account").asString()).isEqualTo("anthropic");
        assertThat(back.at("/data/reason").asString()).isEqualTo("out-of-credit");
        assertThat(awaitEnded(organisation, project, job).get("outcome").asString())
                .isEqualTo("completed");
        assertThat(received("/mine", "engine.paused", 1)).hasSize(1);
        verifyAll("/mine", secret);
        verifyAll("/theirs", theirs);
    }
}
