package io.cachedjobs.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The runner on: triggered jobs start, their executions are made and sent, and the jobs end. Its
 * own context, closed after the class, so that no other test's jobs are run.
 */
@TestPropertySource(properties = {"cachedjobs.runner.enabled=true", "cachedjobs.runner.start-interval=200ms"})
@DirtiesContext
class RunnerApiTest extends ApiTest {

    @Test
    void aJobStartsWithOneExecutionPerModelAndRunAndEndsFailedWhenNoEngineAccountHasAKey() {
        UUID organisation = createOrganisation("Runner Org");
        UUID project = createProject(organisation, "Brand");
        createQueries(organisation, project, "best crm", "en", "US");

        Api.Response triggered = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .json(Map.of("aiModels", List.of("openai", "anthropic"), "executionCount", 3))
                .send();
        assertThat(triggered.status()).as(triggered.body()).isEqualTo(201);
        String id = triggered.json().get(0).get("id").asString();

        JsonNode job = awaitEnded(organisation, project, id);

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
                        "anthropic/claude-haiku-4-5/1",
                        "anthropic/claude-haiku-4-5/2",
                        "anthropic/claude-haiku-4-5/3");
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
                .isEqualTo("openai,anthropic");
    }

    private JsonNode awaitEnded(UUID organisation, UUID project, String id) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode job;
        do {
            job = api.get("/api/cached-jobs/" + id)
                    .scope(organisation, project)
                    .send()
                    .json();
            if ("ended".equals(job.get("status").asString())) {
                return job;
            }
            sleep();
        } while (System.nanoTime() < until);
        throw new AssertionError("not ended in 30 s: " + job);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
