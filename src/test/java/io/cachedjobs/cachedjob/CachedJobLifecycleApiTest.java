package io.cachedjobs.cachedjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.tenancy.ProjectScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Listing, changing and deleting cached jobs, and the status state machine. */
class CachedJobLifecycleApiTest extends ApiTest {

    UUID organisation;
    UUID project;
    List<UUID> queries;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Lifecycle Org");
        project = createProject(organisation, "Brand");
        queries = createQueries(organisation, project, "q1", "en", "US", "q2", "fr", "FR");
    }

    private JsonNode trigger(String keys, int executionCount) {
        Api.Response response = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .body("{\"aiModels\":" + keys + ",\"executionCount\":" + executionCount + "}")
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private String firstJob() {
        return trigger("[\"openai\"]", 1).get(0).get("id").asString();
    }

    private Api.Response patch(String id, String body) {
        return api.method("PATCH", "/api/cached-jobs/" + id)
                .scope(organisation, project)
                .body(body)
                .send();
    }

    private Api.Response list(String query, String body) {
        return api.post("/api/cached-jobs/list" + query)
                .scope(organisation, project)
                .body(body)
                .send();
    }

    private void forceStatus(String id, String status) {
        jdbc.update("update cached_jobs set status = ? where id = ?", status, UUID.fromString(id));
    }

    private String status(String id) {
        return jdbc.queryForObject("select status from cached_jobs where id = ?", String.class, UUID.fromString(id));
    }

    @Test
    void aUserPausesAndResumesAJob() throws InterruptedException {
        String id = firstJob();
        String createdAt = api.get("/api/cached-jobs/" + id)
                .scope(organisation, project)
                .send()
                .json()
                .get("updatedAt")
                .asString();
        Thread.sleep(5);

        JsonNode paused = patch(id, "{\"status\":\"inactive\"}").json();
        assertThat(paused.get("status").asString()).isEqualTo("inactive");
        assertThat(paused.get("updatedAt").asString()).isGreaterThan(createdAt);
        assertThat(paused.get("createdAt").asString()).isEqualTo(createdAt);

        assertThat(patch(id, "{\"status\":\"pending\"}").json().get("status").asString())
                .isEqualTo("pending");
        assertThat(status(id)).isEqualTo("pending");
    }

    @Test
    void anActiveJobCanBePaused() {
        String id = firstJob();
        forceStatus(id, "active");

        assertThat(patch(id, "{\"status\":\"inactive\"}").json().get("status").asString())
                .isEqualTo("inactive");
    }

    @ParameterizedTest
    @CsvSource({
        "pending,active,inactive",
        "pending,ended,inactive",
        "inactive,active,pending",
        "inactive,ended,pending",
        "active,pending,inactive",
        "active,ended,inactive"
    })
    void aRefusedTransitionNamesTheAllowedOnes(String from, String to, String allowed) {
        String id = firstJob();
        forceStatus(id, from);

        JsonNode problem = assertProblem(patch(id, "{\"status\":\"" + to + "\"}"), 409);

        assertThat(problem.get("detail").asString())
                .contains("from " + from + " to " + to)
                .endsWith("allowed from " + from + ": " + allowed);
        assertThat(status(id)).isEqualTo(from);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"status\":\"pending\"}", "{\"restricted\":true}", "{\"executionCount\":2}"})
    void anEndedJobIsFinal(String change) {
        String id = firstJob();
        forceStatus(id, "ended");

        JsonNode problem = assertProblem(patch(id, change), 409);

        assertThat(problem.get("detail").asString()).contains("ended");
        assertThat(status(id)).isEqualTo("ended");
    }

    @Test
    void restatingTheCurrentStatusChangesNothingEvenWhenEnded() {
        String id = firstJob();
        forceStatus(id, "ended");

        assertThat(patch(id, "{\"status\":\"ended\"}").json().get("status").asString())
                .isEqualTo("ended");
        assertThat(patch(id, "{}").status()).isEqualTo(200);
    }

    @Test
    void anActiveJobKeepsItsModelsAndCount() {
        String id = firstJob();
        forceStatus(id, "active");

        assertProblem(patch(id, "{\"aiModels\":[\"anthropic\"]}"), 409);
        assertProblem(patch(id, "{\"executionCount\":9}"), 409);
        assertThat(patch(id, "{\"restricted\":true}").json().get("restricted").asBoolean())
                .isTrue();
    }

    @Test
    void patchChangesModelsCountAndRestrictionAndLeavesTheRest() {
        String id = firstJob();

        JsonNode changed = patch(id, "{\"aiModels\":[\"anthropic\",\"deepseek\"],\"executionCount\":7}")
                .json();
        assertThat(changed.get("aiModels").toString()).isEqualTo("[\"claude-haiku-4-5\",\"deepseek-v3.2-maas\"]");
        assertThat(changed.get("executionCount").asInt()).isEqualTo(7);
        assertThat(changed.get("restricted").asBoolean()).isFalse();
        assertThat(changed.get("status").asString()).isEqualTo("pending");

        JsonNode restricted = patch(id, "{\"restricted\":true}").json();
        assertThat(restricted.get("restricted").asBoolean()).isTrue();
        assertThat(restricted.get("executionCount").asInt()).isEqualTo(7);
        assertThat(patch(id, "{}").json().get("aiModels")).isEqualTo(changed.get("aiModels"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"status\":\"running\"}|status",
                "{\"executionCount\":\"3\"}|executionCount",
                "{\"executionCount\":0}|executionCount",
                "{\"aiModels\":[]}|aiModels",
                "{\"aiModels\":[\"gpt-4\"]}|aiModels[0]",
                "{\"restricted\":\"yes\"}|restricted"
            })
    void patchRejectsBadFields(String body, String field) {
        String id = firstJob();

        assertThat(errorFields(assertProblem(patch(id, body), 400))).containsExactly(field);
        assertThat(status(id)).isEqualTo("pending");
    }

    @Test
    void deleteRemovesAJobUnlessItIsActive() {
        JsonNode jobs = trigger("[\"openai\"]", 1);
        String active = jobs.get(0).get("id").asString();
        String ended = jobs.get(1).get("id").asString();
        forceStatus(active, "active");
        forceStatus(ended, "ended");

        assertProblem(
                api.method("DELETE", "/api/cached-jobs/" + active)
                        .scope(organisation, project)
                        .send(),
                409);
        assertThat(api.method("DELETE", "/api/cached-jobs/" + ended)
                        .scope(organisation, project)
                        .send()
                        .status())
                .isEqualTo(204);

        assertProblem(
                api.get("/api/cached-jobs/" + ended)
                        .scope(organisation, project)
                        .send(),
                404);
        assertThat(status(active)).isEqualTo("active");
    }

    @Test
    void listFiltersByEveryField() {
        JsonNode first = trigger("[\"openai\",\"perplexity\"]", 1);
        JsonNode second = trigger("[\"anthropic\"]", 2);
        String paused = second.get(0).get("id").asString();
        patch(paused, "{\"status\":\"inactive\",\"restricted\":true}");
        String from = second.get(0).get("createdAt").asString();

        assertThat(ids(list("", "{}"))).hasSize(4);
        assertThat(ids(list("", ""))).hasSize(4);
        assertThat(ids(list("", "{\"status\":\"inactive\"}"))).containsExactly(paused);
        assertThat(ids(list("", "{\"status\":[\"inactive\",\"ended\"]}"))).containsExactly(paused);
        assertThat(ids(list("", "{\"status\":[\"pending\"]}"))).hasSize(3);
        assertThat(ids(list("", "{\"restricted\":true}"))).containsExactly(paused);
        assertThat(ids(list("", "{\"queryId\":\"" + queries.get(1) + "\"}")))
                .containsExactly(
                        first.get(1).get("id").asString(),
                        second.get(1).get("id").asString());
        assertThat(ids(list("", "{\"aiModels\":[\"sonar\",\"gemini-2.5-flash\"]}")))
                .containsExactly(
                        first.get(0).get("id").asString(),
                        first.get(1).get("id").asString());
        assertThat(ids(list("", "{\"createdFrom\":\"" + from + "\"}"))).hasSize(2);
        assertThat(ids(list("", "{\"createdTo\":\"" + from + "\"}"))).hasSize(2);
    }

    @Test
    void listSortsByStatusAndTime() {
        JsonNode jobs = trigger("[\"openai\"]", 1);
        patch(jobs.get(1).get("id").asString(), "{\"status\":\"inactive\"}");

        assertThat(ids(list("", "{\"sort\":[{\"field\":\"status\",\"direction\":\"ASC\"}]}")))
                .containsExactly(
                        jobs.get(1).get("id").asString(), jobs.get(0).get("id").asString());
        assertThat(ids(list("", "{\"sort\":[{\"field\":\"updatedAt\",\"direction\":\"DESC\"}]}"))
                        .get(0))
                .isEqualTo(jobs.get(1).get("id").asString());
        // Jobs of one trigger share createdAt: the id breaks the tie, ascending.
        assertThat(ids(list("", "{\"sort\":[{\"field\":\"createdAt\",\"direction\":\"DESC\"}]}")))
                .containsExactly(
                        jobs.get(0).get("id").asString(), jobs.get(1).get("id").asString());
        JsonNode later = trigger("[\"openai\"]", 1);
        assertThat(ids(list("", "{\"sort\":[{\"field\":\"createdAt\",\"direction\":\"DESC\"}]}"))
                        .get(0))
                .isEqualTo(later.get(0).get("id").asString());
    }

    @Test
    void listRejectsUnknownSortFieldsAndFilterValues() {
        JsonNode sort = assertProblem(list("", "{\"sort\":[{\"field\":\"query\"}]}"), 400);
        assertThat(errorFields(sort)).containsExactly("sort[0].field");
        assertThat(sort.at("/errors/0/message").asString()).isEqualTo("must be one of: createdAt, status, updatedAt");

        assertThat(errorFields(assertProblem(list("", "{\"status\":[\"paused\"]}"), 400)))
                .containsExactly("status[0]");
        assertThat(errorFields(
                        assertProblem(list("", "{\"sort\":[{\"field\":\"status\",\"direction\":\"UP\"}]}"), 400)))
                .containsExactly("sort[0].direction");
        assertThat(errorFields(assertProblem(list("", "{\"createdFrom\":\"yesterday\"}"), 400)))
                .containsExactly("createdFrom");
        assertThat(errorFields(assertProblem(list("?limit=101&page=0", "{}"), 400)))
                .containsExactly("limit", "page");
        assertThat(errorFields(assertProblem(list("?limit=ten", "{}"), 400))).containsExactly("limit");
    }

    @Test
    void pagingThroughJobsNeverRepeatsOrSkipsOne() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 118; i++) {
            texts.add("extra " + i);
            texts.add("en");
            texts.add("US");
        }
        createQueries(organisation, project, texts.toArray(String[]::new));
        trigger("[\"openai\"]", 1);
        trigger("[\"anthropic\"]", 1); // 240 jobs, many sharing one createdAt

        for (String direction : List.of("ASC", "DESC")) {
            Set<String> seen = new HashSet<>();
            String body = "{\"sort\":[{\"field\":\"createdAt\",\"direction\":\"" + direction + "\"}]}";
            for (int page = 1; page <= 3; page++) {
                JsonNode answer = list("?limit=100&page=" + page, body).json();
                JsonNode info = answer.get("page");
                assertThat(info.get("totalRecords").asInt()).isEqualTo(240);
                assertThat(info.get("totalPages").asInt()).isEqualTo(3);
                assertThat(info.get("currentPage").asInt()).isEqualTo(page);
                assertThat(info.get("limit").asInt()).isEqualTo(100);
                assertThat(info.get("prevPage").isNull()).isEqualTo(page == 1);
                assertThat(info.get("nextPage").isNull()).isEqualTo(page == 3);
                answer.get("results")
                        .forEach(job ->
                                assertThat(seen.add(job.get("id").asString())).isTrue());
            }
            assertThat(seen).hasSize(240);
            JsonNode beyond = list("?limit=100&page=4", body).json();
            assertThat(beyond.get("results").size()).isZero();
            assertThat(beyond.at("/page/nextPage").isNull()).isTrue();
        }
    }

    @Test
    void aPageTooFarToReachIsEmpty() {
        trigger("[\"openai\"]", 1);

        JsonNode answer = list("?limit=100&page=2147483647", "{}").json();

        assertThat(answer.get("results").size()).isZero();
        assertThat(answer.at("/page/totalRecords").asInt()).isEqualTo(2);
        assertThat(answer.at("/page/nextPage").isNull()).isTrue();
    }

    @Test
    void aProjectWithAnActiveJobCannotBeDeleted() {
        String id = firstJob();
        forceStatus(id, "active");

        JsonNode problem = assertProblem(
                api.method("DELETE", "/api/projects/" + project)
                        .organisation(organisation)
                        .send(),
                409);

        assertThat(problem.get("detail").asString()).contains("active cached jobs");
        assertThat(count("cached_jobs", "project_id", project)).isEqualTo(2);
        assertThat(count("queries", "project_id", project)).isEqualTo(2);
        patch(id, "{\"status\":\"inactive\"}");
        assertThat(api.method("DELETE", "/api/projects/" + project)
                        .organisation(organisation)
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(count("cached_jobs", "project_id", project)).isZero();
    }

    @Test
    void noCallReachesAnotherProjectsJobs() {
        String mine = firstJob();
        for (ProjectScope scope : foreignScopes(organisation, project)) {
            assertNothingListed(
                    scope,
                    api.post("/api/cached-jobs/list").scope(scope).body("{}").send());
            assertProblem(api.get("/api/cached-jobs/" + mine).scope(scope).send(), refusal(scope));
            assertProblem(
                    api.method("PATCH", "/api/cached-jobs/" + mine)
                            .scope(scope)
                            .body("{\"status\":\"inactive\"}")
                            .send(),
                    refusal(scope));
            assertProblem(
                    api.method("DELETE", "/api/cached-jobs/" + mine)
                            .scope(scope)
                            .send(),
                    refusal(scope));
            assertProblem(
                    api.post("/api/cached-jobs/trigger")
                            .scope(scope)
                            .body("{\"queryIds\":[\"" + queries.get(0) + "\"]}")
                            .send(),
                    refusal(scope));
        }
        assertThat(status(mine)).isEqualTo("pending");
        assertThat(count("cached_jobs", "project_id", project)).isEqualTo(2);
    }

    private static List<String> ids(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("results").forEach(job -> ids.add(job.get("id").asString()));
        return ids;
    }
}
