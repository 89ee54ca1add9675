package io.cachedjobs.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cachedjobs.CachedJobsApplication;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.RunningApiTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service, both running executions, on one PostgreSQL of their own and one
 * stub engine that answers slowly enough for their workers to overlap: every execution of a job is
 * sent once, whichever instance sends it.
 */
class RunnerAcrossInstancesApiTest {

    private static final int RUNS = 24;

    private static EmbeddedPostgres postgres;
    private static WireMockServer engine;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        engine = new WireMockServer(options().dynamicPort());
        engine.start();
        engine.stubFor(post("/v1/messages").willReturn(okJson(fixture()).withFixedDelay(150)));
        first = instance();
        second = instance();
    }

    @AfterAll
    static void stop() throws IOException {
        second.close();
        first.close();
        engine.stop();
        postgres.close();
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(CachedJobsApplication.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--cachedjobs.rate-limit.per-second=1000",
                        "--cachedjobs.rate-limit.burst=1000",
                        "--cachedjobs.runner.enabled=true",
                        "--cachedjobs.runner.workers=3",
                        "--cachedjobs.runner.start-interval=200ms",
                        "--cachedjobs.runner.polling-interval=100ms",
                        "--cachedjobs.engines.accounts.anthropic.api-key=test-anthropic-key",
                        "--cachedjobs.engines.accounts.anthropic.base-url=" + engine.baseUrl());
    }

    @Test
    void everyExecutionIsSentOnceWhenTwoInstancesShareTheWork() throws Exception {
        Api api = new Api(((WebServerApplicationContext) first).getWebServer().getPort());
        UUID organisation = api.createOrganisation("Two instances");
        UUID project = UUID.fromString(api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of("name", "Brand"))
                .send()
                .json()
                .get("id")
                .asString());
        api.post("/api/queries")
                .scope(organisation, project)
                .json(Map.of("query", "shared work", "language", "en", "country", "US"))
                .send();

        JsonNode triggered = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .json(Map.of("aiModels", List.of("anthropic"), "executionCount", RUNS))
                .send()
                .json();
        String job = triggered.get(0).get("id").asString();

        JsonNode ended = RunningApiTest.awaitEnded(api, organisation, project, job);

        assertThat(ended.get("outcome").asString()).isEqualTo("completed");
        assertThat(ended.get("successExecutions").asInt()).isEqualTo(RUNS);
        engine.verify(RUNS, postRequestedFor(urlEqualTo("/v1/messages")));
        JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
        assertThat(jdbc.queryForList("select attempt from job_executions", Integer.class))
                .hasSize(RUNS)
                .containsOnly(1);
    }

    private static String fixture() throws IOException {
        try (var in = RunnerAcrossInstancesApiTest.class.getResourceAsStream("/engines/anthropic/answer.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
