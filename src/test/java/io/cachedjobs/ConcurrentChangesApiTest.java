package io.cachedjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Changes racing on one row: none is lost, none revives a deleted row, none answers 500. */
class ConcurrentChangesApiTest extends ApiTest {

    private static final int ROWS = 20;

    UUID organisation;
    UUID project;
    ExecutorService pool;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Races");
        project = createProject(organisation, "Brand");
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private List<UUID> queries() {
        String[] triples = new String[ROWS * 3];
        for (int i = 0; i < ROWS; i++) {
            triples[i * 3] = "q" + i;
            triples[i * 3 + 1] = "en";
            triples[i * 3 + 2] = "US";
        }
        return createQueries(organisation, project, triples);
    }

    /** One pending job for each of {@link #ROWS} new queries. */
    private JsonNode jobs() {
        queries();
        return api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .body("{\"aiModels\":[\"openai\"],\"executionCount\":1}")
                .send()
                .json();
    }

    private List<Integer> race(List<Supplier<Api.Response>> calls) {
        List<CompletableFuture<Api.Response>> answers = new ArrayList<>();
        calls.forEach(call -> answers.add(CompletableFuture.supplyAsync(call, pool)));
        return answers.stream().map(answer -> answer.join().status()).toList();
    }

    @Test
    void twoChangesToOneJobBothLand() {
        JsonNode jobs = jobs();
        List<Supplier<Api.Response>> calls = new ArrayList<>();
        jobs.forEach(job -> {
            String path = "/api/cached-jobs/" + job.get("id").asString();
            calls.add(() -> api.method("PATCH", path)
                    .scope(organisation, project)
                    .body("{\"status\":\"inactive\"}")
                    .send());
            calls.add(() -> api.method("PATCH", path)
                    .scope(organisation, project)
                    .body("{\"executionCount\":5}")
                    .send());
        });

        assertThat(race(calls)).containsOnly(200);

        assertThat(jdbc.queryForList(
                        "select status || ' ' || execution_count from cached_jobs where project_id = ?",
                        String.class,
                        project))
                .hasSize(ROWS)
                .containsOnly("inactive 5");
    }

    @Test
    void aDeletedQueryStaysDeletedWhateverRacesIt() {
        List<Supplier<Api.Response>> calls = new ArrayList<>();
        for (UUID id : queries()) {
            String path = "/api/queries/" + id;
            calls.add(() ->
                    api.method("DELETE", path).scope(organisation, project).send());
            calls.add(() -> api.method("PATCH", path)
                    .scope(organisation, project)
                    .json(Map.of("country", "GB"))
                    .send());
        }

        assertThat(race(calls)).containsOnly(200, 204, 404);

        assertThat(jdbc.queryForObject(
                        "select count(*) from queries where project_id = ? and deleted_at is null",
                        Integer.class,
                        project))
                .isZero();
    }

    @Test
    void racingDeletesOfOneJobAnswerOnce() {
        JsonNode jobs = jobs();
        List<Supplier<Api.Response>> calls = new ArrayList<>();
        jobs.forEach(job -> {
            String path = "/api/cached-jobs/" + job.get("id").asString();
            calls.add(() ->
                    api.method("DELETE", path).scope(organisation, project).send());
            calls.add(() -> api.method("PATCH", path)
                    .scope(organisation, project)
                    .body("{\"restricted\":true}")
                    .send());
            calls.add(() ->
                    api.method("DELETE", path).scope(organisation, project).send());
        });

        List<Integer> statuses = race(calls);

        assertThat(statuses).containsOnly(200, 204, 404);
        assertThat(statuses.stream().filter(status -> status == 204)).hasSize(ROWS);
        assertThat(count("cached_jobs", "project_id", project)).isZero();
    }
}
