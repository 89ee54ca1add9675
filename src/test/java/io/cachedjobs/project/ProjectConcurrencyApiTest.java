package io.cachedjobs.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Updates and deletes of one project at the same time: no lost update, no server error. */
class ProjectConcurrencyApiTest extends ApiTest {

    @Test
    void concurrentPatchesOfDifferentFieldsBothSurvive() {
        UUID organisation = createOrganisation("Concurrency Org");
        for (int i = 0; i < 10; i++) {
            UUID project = createProject(organisation, "Brand");
            String path = "/api/projects/" + project;
            String name = "Renamed " + i;

            CompletableFuture<Api.Response> rename = CompletableFuture.supplyAsync(() -> api.method("PATCH", path)
                    .organisation(organisation)
                    .json(Map.of("name", name))
                    .send());
            CompletableFuture<Api.Response> recount = CompletableFuture.supplyAsync(() -> api.method("PATCH", path)
                    .organisation(organisation)
                    .json(Map.of("executionCount", 9, "llmProviders", List.of("deepseek")))
                    .send());

            assertThat(rename.join().status()).isEqualTo(200);
            assertThat(recount.join().status()).isEqualTo(200);
            JsonNode after = api.get(path).organisation(organisation).send().json();
            assertThat(after.get("name").asString()).isEqualTo(name);
            assertThat(after.get("executionCount").asInt()).isEqualTo(9);
            assertThat(after.get("llmProviders").toString()).isEqualTo("[\"deepseek\"]");
        }
    }

    @Test
    void aPatchRacingADeleteIsEitherAppliedFirstOrNotFound() {
        UUID organisation = createOrganisation("Concurrency Org");
        for (int i = 0; i < 10; i++) {
            UUID project = createProject(organisation, "Brand");
            String path = "/api/projects/" + project;

            CompletableFuture<Api.Response> patch = CompletableFuture.supplyAsync(() -> api.method("PATCH", path)
                    .organisation(organisation)
                    .json(Map.of("name", "Late"))
                    .send());
            CompletableFuture<Api.Response> delete = CompletableFuture.supplyAsync(
                    () -> api.method("DELETE", path).organisation(organisation).send());

            assertThat(delete.join().status()).isEqualTo(204);
            Api.Response patched = patch.join();
            assertThat(patched.status()).as(patched.body()).isIn(200, 404);
            assertThat(count("projects", "id", project)).isZero();
        }
    }
}
