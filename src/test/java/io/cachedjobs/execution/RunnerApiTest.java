package io.cachedjobs.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.cachedjobs.support.EngineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.EngineFixtures;
import io.cachedjobs.support.RunningApiTest;
import java.util.Date;
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

/**
 * The runner on: triggered jobs start, their executions are made and sent, and the jobs end; on a
 * stub Anthropic engine.
 */
@TestPropertySource(
        properties = {
            "cachedjobs.engines.accounts.anthropic.api-key=test-anthropic-key",
            "cachedjobs.runner.max-age=1h",
            // The overloaded test's three answers pause the account; briefly, for the other tests.
            "cachedjobs.runner.overload-pause=300ms"
        })
class RunnerApiTest extends RunningApiTest {

    /** The Anthropic account's engine: a local stub speaking the Messages API. */
    static final WireMockServer ENGINE = new WireMockServer(options().dynamicPort());

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        if (!ENGINE.isRunning()) {
            ENGINE.start();
        }
        registry.add("cachedjobs.engines.accounts.anthropic.base-url", ENGINE::baseUrl);
    }

    @AfterAll
    static void stopEngine() {
        ENGINE.stop();
    }

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Runner Org");
        project = createProject(organisation, "Brand");
    }

    /** Triggers one job asking {@code query} of {@code keys}, {@code runs} times; answers its id. */
    private String trigger(String query, List<String> keys, int runs) {
        createQueries(organisation, project, query, "en", "US");
        Api.Response triggered = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .json(Map.of("aiModels", keys, "executionCount", runs))
                .send();
        assertThat(triggered.status()).as(triggered.body()).isEqualTo(201);
        return triggered.json().get(0).get("id").asString();
    }

    private static void answer(String query, ResponseDefinitionBuilder response) {
        ENGINE.stubFor(post("/v1/messages")
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(query)))
                .willReturn(response));
    }

    private List<Map<String, Object>> executions(String job) {
        return jdbc.queryForList("select * from job_executions where cached_job_id = ?::uuid order by id", job);
    }

    @Test
    void anAnsweredExecutionKeepsItsTextSourcesUsageAndRawAndTheJobCompletes() throws Exception {
        answer("runner answers", okJson(fixture("answer.json")));

        JsonNode job = awaitEnded(trigger("runner answers", List.of("anthropic"), 2));

        assertThat(job.get("outcome").asString()).isEqualTo("completed");
        assertThat(job.get("successExecutions").asInt()).isEqualTo(2);
        // claude-haiku-4-5 at 1.00 / 0.10 / 5.00 USD per million tokens and 10 USD per thousand
        // searches: 6,159 uncached and 2,048 cached prompt tokens, 931 answer tokens, 2 searches.
        long cost = Math.round(6_159 * 1.00 + 2_048 * 0.10 + 931 * 5.00 + 2 * 10_000);
        assertThat(cost).isEqualTo(31_019);
        assertThat(job.get("costMicros").asLong()).isEqualTo(2 * cost);
        assertThat(executions(job.get("id").asString())).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("success");
            assertThat(row.get("attempt")).isEqualTo(1);
            assertThat((String) row.get("answer")).isNotBlank();
            assertThat(row.get("sources").toString()).contains("\"cited\": true");
            assertThat(((Number) row.get("input_tokens")).longValue()).isPositive();
            assertThat(row.get("raw_answer")).isNotNull();
            assertThat(row.get("latency_ms")).isNotNull();
            assertThat(row.get("finished_at")).isNotNull();
        });
    }

    @Test
    void executionsAreReadByJobByIdRawAndInAnExportWhoseCursorMissesNone() throws Exception {
        answer("runner read", okJson(fixture("answer.json")));
        String job = awaitEnded(trigger("runner read", List.of("anthropic", "openai"), 2))
                .get("id")
                .asString();

        JsonNode page = api.get("/api/cached-jobs/" + job + "/executions?limit=3")
                .scope(organisation, project)
                .send()
                .json();
        assertThat(page.at("/page/totalRecords").asInt()).isEqualTo(4);
        assertThat(page.get("results")).hasSize(3);
        JsonNode first = page.get("results").get(0);
        assertThat(first.get("providerKey").asString()).isEqualTo("anthropic");
        assertThat(first.get("status").asString()).isEqualTo("success");
        assertThat(first.get("sources").get(0).get("cited").asBoolean()).isTrue();
        assertThat(first.at("/usage/inputTokens").asLong()).isPositive();
        JsonNode unconfigured = page.get("results").get(2);
        assertThat(unconfigured.at("/error/type").asString()).isEqualTo("engine-not-configured");

        String id = first.get("id").asString();
        Api.Response one = api.get("/api/job-executions/" + id)
                .scope(organisation, project)
                .send();
        assertThat(one.json()).isEqualTo(first);
        Api.Response raw = api.get("/api/job-executions/" + id + "/raw")
                .scope(organisation, project)
                .send();
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.json().get("type").asString()).isEqualTo("message");
        assertProblem(
                api.get("/api/job-executions/" + unconfigured.get("id").asString() + "/raw")
                        .scope(organisation, project)
                        .send(),
                404);

        List<String> exported = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode export = api.post("/api/job-executions/list?limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .scope(organisation, project)
                    .json(Map.of("cachedJobId", job))
                    .send()
                    .json();
            export.get("results")
                    .forEach(execution -> exported.add(execution.get("id").asString()));
            cursor = export.get("nextCursor").isNull()
                    ? null
                    : export.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(exported).hasSize(4).doesNotHaveDuplicates().isSorted();
        assertThat(api.post("/api/job-executions/list")
                        .scope(organisation, project)
                        .json(Map.of("status", List.of("failed")))
                        .send()
                        .json()
                        .get("results"))
                .allSatisfy(execution ->
                        assertThat(execution.get("status").asString()).isEqualTo("failed"));
        for (String nulls : List.of("{\"status\":[null]}", "{\"model\":[\"gpt-4.1-mini\",null]}")) {
            Api.Response refused = api.post("/api/job-executions/list")
                    .scope(organisation, project)
                    .body(nulls)
                    .send();
            assertProblem(refused, 400);
            assertThat(refused.body()).containsAnyOf("status[0]", "model[1]");
        }
        assertProblem(
                api.post("/api/job-executions/list?limit=0")
                        .scope(organisation, project)
                        .json(Map.of())
                        .send(),
                400);
    }

    @Test
    void aRateLimitedCallIsSentAgainNoSoonerThanTheEngineAskedAndAnsweredOnce() throws Exception {
        String query = "runner rate limited";
        ENGINE.stubFor(post("/v1/messages")
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(query)))
                .inScenario(query)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(
                        aResponse()
                                .withStatus(429)
                                .withHeader("retry-after", "1")
                                .withHeader("Content-Type", "application/json")
                                .withBody(
                                        "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}"))
                .willSetStateTo("answered"));
        ENGINE.stubFor(post("/v1/messages")
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(query)))
                .inScenario(query)
                .whenScenarioStateIs("answered")
                .willReturn(okJson(fixture("answer.json"))));

        JsonNode job = awaitEnded(trigger(query, List.of("anthropic"), 1));

        assertThat(job.get("outcome").asString()).isEqualTo("completed");
        Map<String, Object> execution = executions(job.get("id").asString()).get(0);
        assertThat(execution.get("attempt")).isEqualTo(2);
        List<Date> sent = ENGINE.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getBodyAsString().contains(query))
                .map(event -> event.getRequest().getLoggedDate())
                .sorted()
                .toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getTime() - sent.get(0).getTime()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void anExecutionWhoseWorkerDiedMidCallIsSentAgainOnceAndItsLostCallCountedAsPossiblyBilled() throws Exception {
        String query = "runner worker died";
        answer(query, okJson(fixture("answer.json")));
        UUID queryId = createQueries(organisation, project, query, "en", "US").get(0);
        // What a worker that stopped mid-call leaves: its job active, its execution running on
        // attempt 1, and the execution's task picked by an instance whose heartbeat stopped an hour ago.
        UUID job = UUID.randomUUID();
        UUID execution = UUID.randomUUID();
        jdbc.update("""
                insert into cached_jobs (id, project_id, query_id, query_text, language, country, ai_models,
                    provider_keys, execution_count, status, restricted, total_executions, running_executions,
                    created_at, updated_at)
                values (?, ?, ?, ?, 'en', 'US', array['claude-haiku-4-5'], array['anthropic'], 1, 'active', false,
                    1, 1, now(), now())""", job, project, queryId, query);
        jdbc.update("""
                insert into job_executions (id, cached_job_id, project_id, organisation_id, query_id, query_text,
                    language, country, model, provider_key, execution_number, attempt, status, started_at,
                    created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, 'en', 'US', 'claude-haiku-4-5', 'anthropic', 1, 1, 'running',
                    now() - interval '1 hour', now(), now())""", execution, job, project, organisation, queryId, query);
        jdbc.update("""
                insert into scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,
                    last_heartbeat, version)
                values ('job-execution', ?, now() - interval '1 hour', true, 'crashed-instance',
                    now() - interval '1 hour', 1)""", execution.toString());

        JsonNode ended = awaitEnded(job.toString());

        assertThat(ended.get("outcome").asString()).isEqualTo("completed");
        Map<String, Object> row = executions(job.toString()).get(0);
        assertThat(row.get("status")).isEqualTo("success");
        assertThat(row.get("attempt")).isEqualTo(2);
        assertThat(row.get("possibly_billed_calls")).isEqualTo(1);
        assertThat(ENGINE.getAllServeEvents().stream()
                        .filter(event -> event.getRequest().getBodyAsString().contains(query)))
                .hasSize(1);
    }

    @Test
    void anExecutionOlderThanMaxAgeIsNotRetried() throws Exception {
        String query = "runner too old";
        answer(query, json(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal\"}}"));
        UUID queryId = createQueries(organisation, project, query, "en", "US").get(0);
        // An execution made two hours ago (max-age is one hour here), still to be sent.
        UUID job = UUID.randomUUID();
        UUID execution = UUID.randomUUID();
        jdbc.update("""
                insert into cached_jobs (id, project_id, query_id, query_text, language, country, ai_models,
                    provider_keys, execution_count, status, restricted, total_executions, pending_executions,
                    created_at, updated_at)
                values (?, ?, ?, ?, 'en', 'US', array['claude-haiku-4-5'], array['anthropic'], 1, 'active', false,
                    1, 1, now() - interval '2 hours', now())""", job, project, queryId, query);
        jdbc.update("""
                insert into job_executions (id, cached_job_id, project_id, organisation_id, query_id, query_text,
                    language, country, model, provider_key, execution_number, status, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, 'en', 'US', 'claude-haiku-4-5', 'anthropic', 1, 'pending',
                    now() - interval '2 hours', now())""", execution, job, project, organisation, queryId, query);
        jdbc.update("""
                insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                values ('job-execution', ?, now(), false, 1, 80)""", execution.toString());

        JsonNode ended = awaitEnded(job.toString());

        assertThat(ended.get("outcome").asString()).isEqualTo("failed");
        Map<String, Object> row = executions(job.toString()).get(0);
        assertThat(row.get("attempt")).isEqualTo(1);
        assertThat(row.get("error_type")).isEqualTo("server-error");
    }

    @Test
    void aPausedJobSendsNothingMoreAndResumedContinuesWhereItStopped() throws Exception {
        String query = "runner paused";
        answer(query, okJson(fixture("answer.json")).withFixedDelay(800));
        String job = trigger(query, List.of("anthropic"), 8);

        Api.Response paused = api.method("PATCH", "/api/cached-jobs/" + job)
                .scope(organisation, project)
                .json(Map.of("status", "inactive"))
                .send();
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        Thread.sleep(3000);
        JsonNode stopped = api.get("/api/cached-jobs/" + job)
                .scope(organisation, project)
                .send()
                .json();
        assertThat(stopped.get("status").asString()).isEqualTo("inactive");
        // Calls in flight when it was paused finish; no other is sent.
        assertThat(stopped.get("runningExecutions").asInt()).isZero();
        assertThat(stopped.get("successExecutions").asInt()).isLessThan(8);
        int sentWhilePaused = sent(query);
        Thread.sleep(1000);
        assertThat(sent(query)).isEqualTo(sentWhilePaused);

        api.method("PATCH", "/api/cached-jobs/" + job)
                .scope(organisation, project)
                .json(Map.of("status", "pending"))
                .send();
        JsonNode ended = awaitEnded(job);

        assertThat(ended.get("outcome").asString()).isEqualTo("completed");
        assertThat(ended.get("successExecutions").asInt()).isEqualTo(8);
        assertThat(sent(query)).isEqualTo(8);
    }

    private static int sent(String query) {
        return (int) ENGINE.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getBodyAsString().contains(query))
                .count();
    }

    @Test
    void aRefusedRequestFailsAtOnceWithTheEnginesMessage() throws Exception {
        answer(
                "runner refused",
                json(
                        400,
                        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                                + "\"message\":\"max_tokens: too large\"}}"));

        JsonNode job = awaitEnded(trigger("runner refused", List.of("anthropic"), 1));

        assertThat(job.get("outcome").asString()).isEqualTo("failed");
        Map<String, Object> execution = executions(job.get("id").asString()).get(0);
        assertThat(execution.get("status")).isEqualTo("failed");
        assertThat(execution.get("attempt")).isEqualTo(1);
        assertThat(execution.get("error_type")).isEqualTo("bad-request");
        assertThat((String) execution.get("error_message")).contains("max_tokens: too large");
    }

    @Test
    void anEngineThatStaysOverloadedFailsTheExecutionAfterItsLastAttempt() throws Exception {
        answer(
                "runner overloaded",
                json(
                        529,
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                                + "\"message\":\"Overloaded\"}}"));

        JsonNode job = awaitEnded(trigger("runner overloaded", List.of("anthropic"), 1));

        Map<String, Object> execution = executions(job.get("id").asString()).get(0);
        assertThat(execution.get("status")).isEqualTo("failed");
        assertThat(execution.get("attempt")).isEqualTo(3);
        assertThat(execution.get("error_type")).isEqualTo("overloaded");
    }

    private static String fixture(String name) {
        return EngineFixtures.fixture("anthropic/" + name);
    }

    @Test
    void aJobStartsWithOneExecutionPerModelAndRunAndEndsFailedWhenNoEngineAccountHasAKey() {
        String id = trigger("best crm", List.of("openai", "google-generative-ai"), 3);

        JsonNode job = awaitEnded(id);

        assertThat(job.get("totalExecutions").asInt()).isEqualTo(6);
        assertThat(job.get("failedExecutions").asInt()).isEqualTo(6);
        assertThat(job.get("successExecutions").asInt()).isZero();
        assertThat(job.get("pendingExecutions").asInt()).isZero();
        assertThat(job.get("outcome").asString()).isEqualTo("failed");
        List<Map<String, Object>> executions = jdbc.queryForList(
                "select provider_key, model, execution_number, status, error_type, attempt from job_executions "
                        + "where cached_job_id = ?::uuid order by id",
                id);
        assertThat(executions)
                .extracting(row -> row.get("provider_key") + "/" + row.get("model") + "/" + row.get("execution_number"))
                .containsExactly(
                        "openai/gpt-4.1-mini/1",
                        "openai/gpt-4.1-mini/2",
                        "openai/gpt-4.1-mini/3",
                        "google-generative-ai/gemini-2.5-flash/1",
                        "google-generative-ai/gemini-2.5-flash/2",
                        "google-generative-ai/gemini-2.5-flash/3");
        assertThat(executions).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("failed");
            assertThat(row.get("error_type")).isEqualTo("engine-not-configured");
            // Never sent: no attempt counted
            assertThat(row.get("attempt")).isEqualTo(0);
        });
        assertThat(jdbc.queryForObject(
                        "select array_to_string(provider_keys, ',') from cached_jobs where id = ?::uuid",
                        String.class,
                        id))
                .isEqualTo("openai,google-generative-ai");
    }

    private JsonNode awaitEnded(String id) {
        return awaitEnded(organisation, project, id);
    }
}
