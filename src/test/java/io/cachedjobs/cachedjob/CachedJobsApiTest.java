package io.cachedjobs.cachedjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/cached-jobs/many}, {@code GET /api/cached-jobs/{id}} and faults while writing. */
class CachedJobsApiTest extends ApiTest {

    private static final String MANY = "/api/cached-jobs/many";

    UUID organisation;
    UUID project;
    List<UUID> queries;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Many Org");
        project = createProject(organisation, "Brand");
        queries = createQueries(organisation, project, "q1", "en", "US", "q2", "de", "DE");
    }

    private Api.Response many(List<Map<String, Object>> items) {
        return api.post(MANY)
                .scope(organisation, project)
                .json(Map.of("cachedJobs", items))
                .send();
    }

    private static Map<String, Object> item(UUID queryId, List<String> aiModels, Object executionCount) {
        return Map.of("queryId", queryId, "aiModels", aiModels, "executionCount", executionCount);
    }

    @Test
    void manyCreatesOneJobPerEntryInRequestOrder() {
        Api.Response response = many(List.of(
                item(queries.get(1), List.of("anthropic"), 2),
                item(queries.get(0), List.of("openai5", "perplexity"), 5),
                item(queries.get(1), List.of("ai-overview"), 1)));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode jobs = response.json();
        assertThat(jobs.size()).isEqualTo(3);
        assertThat(jobs.get(0).get("query_id").asString())
                .isEqualTo(queries.get(1).toString());
        assertThat(jobs.get(0).get("query").asString()).isEqualTo("q2");
        assertThat(jobs.get(0).get("language").asString()).isEqualTo("de");
        assertThat(jobs.get(0).get("aiModels").get(0).asString()).isEqualTo("claude-haiku-4-5");
        assertThat(jobs.get(0).get("executionCount").asInt()).isEqualTo(2);
        assertThat(jobs.get(1).get("aiModels").toString()).isEqualTo("[\"gpt-5-mini\",\"sonar\"]");
        assertThat(jobs.get(1).get("executionCount").asInt()).isEqualTo(5);
        assertThat(jobs.get(2).get("aiModels").toString()).isEqualTo("[\"ai-overview\"]");
        assertThat(count("cached_jobs", "project_id", project)).isEqualTo(3);
    }

    @Test
    void manyIsAllOrNothingWhenAQueryIsNotInTheProject() {
        UUID otherProject = createProject(organisation, "Other");
        UUID foreignQuery =
                createQueries(organisation, otherProject, "theirs", "en", "US").get(0);

        JsonNode problem = assertProblem(
                many(List.of(
                        item(queries.get(0), List.of("openai"), 1),
                        item(foreignQuery, List.of("openai"), 1),
                        item(UUID.randomUUID(), List.of("openai"), 1))),
                404);

        assertThat(errorFields(problem)).containsExactly("cachedJobs[1].queryId", "cachedJobs[2].queryId");
        assertThat(count("cached_jobs", "project_id", project)).isZero();
        assertThat(count("cached_jobs", "project_id", otherProject)).isZero();
    }

    @Test
    void manyIsAllOrNothingWhenAnEntryIsInvalid() {
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(item(queries.get(0), List.of("openai"), 1));
        items.add(item(queries.get(1), List.of("openai"), "1"));
        items.add(item(queries.get(1), List.of(), 0));

        JsonNode problem = assertProblem(many(items), 400);

        assertThat(errorFields(problem)).containsExactly("cachedJobs[1].executionCount");
        problem = assertProblem(
                many(List.of(item(queries.get(0), List.of("openai"), 1), item(queries.get(1), List.of(), 0))), 400);
        assertThat(errorFields(problem)).containsExactly("cachedJobs[1].aiModels", "cachedJobs[1].executionCount");
        assertThat(count("cached_jobs", "project_id", project)).isZero();
    }

    @Test
    void manyNeedsBetweenOneAndAThousandEntries() {
        assertThat(errorFields(assertProblem(many(List.of()), 400))).containsExactly("cachedJobs");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(item(queries.get(0), List.of("openai"), 1));
        }
        assertThat(errorFields(assertProblem(many(tooMany), 400))).containsExactly("cachedJobs");
        assertThat(errorFields(assertProblem(
                        api.post(MANY).scope(organisation, project).body("{}").send(), 400)))
                .containsExactly("cachedJobs");
        assertThat(count("cached_jobs", "project_id", project)).isZero();
    }

    @Test
    void aJobOfAnotherProjectIsNotFound() {
        UUID otherProject = createProject(organisation, "Other");
        createQueries(organisation, otherProject, "theirs", "en", "US");
        String theirJob = api.post("/api/cached-jobs/trigger")
                .scope(organisation, otherProject)
                .body("{\"aiModels\":[\"openai\"],\"executionCount\":1}")
                .send()
                .json()
                .get(0)
                .get("id")
                .asString();

        assertProblem(
                api.get("/api/cached-jobs/" + theirJob)
                        .scope(organisation, project)
                        .send(),
                404);
        assertProblem(
                api.get("/api/cached-jobs/" + UUID.randomUUID())
                        .scope(organisation, project)
                        .send(),
                404);
        assertThat(api.get("/api/cached-jobs/" + theirJob)
                        .scope(organisation, otherProject)
                        .send()
                        .status())
                .isEqualTo(200);
    }

    /**
     * A fault half-way through the write (here a database trigger that fails on one row) rolls back
     * every row of the call: the client gets a problem answer and the project has no partial batch.
     */
    @Test
    void aFaultWhileWritingLeavesNoPartialBatch() throws Exception {
        List<UUID> more = createQueries(organisation, project, "q3", "en", "US", "explode-on-insert", "en", "US");
        try (AutoCloseable fault = failingJobInserts("explode-on-insert")) {
            Api.Response trigger = api.post("/api/cached-jobs/trigger")
                    .scope(organisation, project)
                    .body("{\"aiModels\":[\"openai\"],\"executionCount\":1}")
                    .send();
            JsonNode problem = assertProblem(trigger, 500);
            assertThat(problem.get("detail").asString()).contains("nothing was changed");
            assertThat(trigger.body()).doesNotContain("injected fault", "cached_jobs");
            assertProblem(
                    many(List.of(item(queries.get(0), List.of("openai"), 1), item(more.get(1), List.of("openai"), 1))),
                    500);
        }
        assertThat(count("cached_jobs", "project_id", project)).isZero();
    }
}
