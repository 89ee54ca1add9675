package io.cachedjobs.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.cachedjobs.support.EngineFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.Instances;
import io.cachedjobs.support.RunningApiTest;
import io.cachedjobs.tenancy.ProjectScope;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service, both running executions, on one PostgreSQL of their own and one
 * stub engine that answers slowly enough for their workers to overlap: every execution of a job is
 * sent once, whichever instance sends it.
 */
class RunnerAcrossInstancesApiTest {

    private static final int RUNS = 24;

    private static Instances instances;
    private static WireMockServer engine;
    private static ConfigurableApplicationContext first;

    @BeforeAll
    static void start() throws IOException {
        instances = Instances.onTheirOwnDatabase();
        engine = new WireMockServer(options().dynamicPort());
        engine.start();
        engine.stubFor(post("/v1/messages")
                .willReturn(okJson(fixture("anthropic/answer.json")).withFixedDelay(150)));
        List<String> arguments = List.of(
                "--cachedjobs.runner.enabled=true",
                "--cachedjobs.runner.workers=3",
                "--cachedjobs.runner.start-interval=200ms",
                "--cachedjobs.runner.polling-interval=100ms",
                "--cachedjobs.engines.accounts.anthropic.api-key=test-anthropic-key",
                "--cachedjobs.engines.accounts.anthropic.requests-per-minute=6000",
                "--cachedjobs.engines.accounts.anthropic.base-url=" + engine.baseUrl());
        first = instances.start(arguments);
        instances.start(arguments);
    }

    @AfterAll
    static void stop() throws IOException {
        instances.close();
        engine.stop();
    }

    @Test
    void everyExecutionIsSentOnceWhenTwoInstancesShareTheWork() throws Exception {
        Api api = Instances.api(first);
        ProjectScope scope = Instances.project(api, "Two instances", "shared work");

        JsonNode triggered = api.post("/api/cached-jobs/trigger")
                .scope(scope)
                .json(Map.of("aiModels", List.of("anthropic"), "executionCount", RUNS))
                .send()
                .json();
        String job = triggered.get(0).get("id").asString();

        JsonNode ended = RunningApiTest.awaitEnded(api, scope.organisationId(), scope.projectId(), job);

        assertThat(ended.get("outcome").asString()).isEqualTo("completed");
        assertThat(ended.get("successExecutions").asInt()).isEqualTo(RUNS);
        engine.verify(RUNS, postRequestedFor(urlEqualTo("/v1/messages")));
        assertThat(instances.jdbc().queryForList("select attempt from job_executions", Integer.class))
                .hasSize(RUNS)
                .containsOnly(1);
    }
}
