package io.cachedjobs.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.AtOnce;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Identical calls with one key at the same time: the database lets exactly one of them run. */
class IdempotencyConcurrencyApiTest extends ApiTest {

    private static final int CALLS = 8;

    @Test
    void concurrentIdenticalTriggersWithOneKeyCreateOneBatch() {
        UUID organisation = createOrganisation("Concurrent Retry Org");
        UUID project = createProject(organisation, "Brand");
        createQueries(organisation, project, "q1", "en", "US", "q2", "fr", "FR", "q3", "de", "DE");

        for (int round = 0; round < 3; round++) {
            String key = UUID.randomUUID().toString();
            int before = count("cached_jobs", "project_id", project);
            List<Api.Response> answers = AtOnce.run(
                    CALLS,
                    1,
                    () -> api.post("/api/cached-jobs/trigger")
                            .scope(organisation, project)
                            .header("Idempotency-Key", key)
                            .json(Map.of("aiModels", List.of("openai"), "executionCount", 1))
                            .send());

            assertThat(count("cached_jobs", "project_id", project)).isEqualTo(before + 3);
            List<Api.Response> created =
                    answers.stream().filter(answer -> answer.status() == 201).toList();
            assertThat(created).isNotEmpty();
            assertThat(created)
                    .allSatisfy(answer ->
                            assertThat(answer.body()).isEqualTo(created.get(0).body()));
            assertThat(created.stream().filter(answer -> answer.header("Idempotent-Replayed") == null))
                    .hasSizeLessThanOrEqualTo(1);
            answers.stream().filter(answer -> answer.status() != 201).forEach(answer -> {
                JsonNode problem = assertProblem(answer, 409);
                assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:idempotency-in-progress");
                assertThat(answer.header("Retry-After")).isEqualTo("1");
            });
        }
    }
}
