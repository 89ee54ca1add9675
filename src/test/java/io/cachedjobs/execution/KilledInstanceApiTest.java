package io.cachedjobs.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.cachedjobs.support.EngineFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cachedjobs.CachedJobsApplication;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.Instances;
import io.cachedjobs.support.RunningApiTest;
import io.cachedjobs.tenancy.ProjectScope;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A real crash: an instance of the service in a JVM of its own is killed (SIGKILL) while its worker
 * waits for an engine's answer. Another instance sees the execution's heartbeat stop, sends it
 * again once, and the job ends with one answer; the lost call is counted as possibly billed.
 */
class KilledInstanceApiTest {

    private static final String QUERY = "killed mid-call";

    private static Instances instances;
    private static WireMockServer engine;
    private static Process killed;

    @BeforeAll
    static void start() throws IOException {
        instances = Instances.onTheirOwnDatabase();
        engine = new WireMockServer(options().dynamicPort());
        engine.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (killed != null) {
            killed.destroyForcibly();
        }
        instances.close();
        engine.stop();
    }

    /** The settings of every instance here: one stub, a lease of 4 x 1 s. */
    private static List<String> arguments(boolean runner) {
        return List.of(
                "--cachedjobs.runner.enabled=" + runner,
                "--cachedjobs.runner.start-interval=200ms",
                "--cachedjobs.runner.polling-interval=200ms",
                "--cachedjobs.runner.heartbeat-interval=1s",
                "--cachedjobs.runner.missed-heartbeats=4",
                "--cachedjobs.engines.accounts.anthropic.api-key=test-anthropic-key",
                "--cachedjobs.engines.accounts.anthropic.base-url=" + engine.baseUrl());
    }

    /** An instance in a JVM of its own, on this test's class path, its output in target/. */
    private static Process instanceInItsOwnJvm() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                CachedJobsApplication.class.getName()));
        command.addAll(instances.arguments(arguments(true)));
        File log = Path.of("target", "killed-instance.log").toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
    }

    @Test
    void anExecutionWhoseInstanceWasKilledMidCallIsSentAgainOnceAndEndsWithOneAnswer() throws Exception {
        // The engine answers the first call only after a minute: the instance is killed before.
        engine.stubFor(post("/v1/messages")
                .withRequestBody(containing(QUERY))
                .willReturn(okJson(fixture("anthropic/answer.json")).withFixedDelay(60_000)));
        Api api = Instances.api(instances.start(arguments(false)));
        ProjectScope scope = Instances.project(api, "Killed instance", QUERY);
        String job = api.post("/api/cached-jobs/trigger")
                .scope(scope)
                .json(Map.of("aiModels", List.of("anthropic"), "executionCount", 1))
                .send()
                .json()
                .get(0)
                .get("id")
                .asString();

        killed = instanceInItsOwnJvm();
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (sent() == 0 && killed.isAlive() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(sent())
                .as("the instance in its own JVM sent the call; see target/killed-instance.log")
                .isEqualTo(1);
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        JdbcTemplate jdbc = instances.jdbc();
        assertThat(jdbc.queryForObject("select status from job_executions", String.class))
                .isEqualTo("running");

        // From now on the engine answers at once; an instance that runs executions takes over.
        engine.resetMappings();
        engine.stubFor(post("/v1/messages")
                .withRequestBody(containing(QUERY))
                .willReturn(okJson(fixture("anthropic/answer.json"))));
        instances.start(arguments(true));

        JsonNode ended = RunningApiTest.awaitEnded(api, scope.organisationId(), scope.projectId(), job);

        assertThat(ended.get("outcome").asString()).isEqualTo("completed");
        Map<String, Object> execution =
                jdbc.queryForMap("select status, attempt, possibly_billed_calls from job_executions");
        assertThat(execution)
                .containsEntry("status", "success")
                .containsEntry("attempt", 2)
                .containsEntry("possibly_billed_calls", 1);
        assertThat(sent()).isEqualTo(2);
    }

    private static long sent() {
        return engine.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getBodyAsString().contains(QUERY))
                .count();
    }
}
