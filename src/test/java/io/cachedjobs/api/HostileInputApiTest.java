package io.cachedjobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Input that reached the database or slipped through before: each now answers a clear 400. */
class HostileInputApiTest extends ApiTest {

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Hostile");
        project = createProject(organisation, "Brand");
    }

    @Test
    void aNulCharacterInAnyStringIsRefusedBeforeTheDatabase() {
        List<Api.Response> answers = List.of(
                api.post("/api/organisations")
                        .operator()
                        .body("{\"name\":\"a\\u0000b\"}")
                        .send(),
                api.post("/api/queries")
                        .scope(organisation, project)
                        .body("{\"query\":\"a\\u0000b\",\"language\":\"en\",\"country\":\"US\"}")
                        .send(),
                api.post("/api/queries/list")
                        .scope(organisation, project)
                        .body("{\"query\":\"a\\u0000b\"}")
                        .send(),
                api.post("/api/queries/list")
                        .scope(organisation, project)
                        .body("{\"tagNames\":[\"a\\u0000b\"]}")
                        .send(),
                api.post("/api/cached-jobs/list")
                        .scope(organisation, project)
                        .body("{\"aiModels\":[\"a\\u0000b\"]}")
                        .send());
        List<String> fields = List.of("name", "query", "query", "tagNames[0]", "aiModels[0]");
        for (int i = 0; i < answers.size(); i++) {
            JsonNode problem = assertProblem(answers.get(i), 400);
            assertThat(errorFields(problem)).containsExactly(fields.get(i));
            assertThat(problem.at("/errors/0/message").asString()).contains("NUL");
        }
        // The connection pool survived: the service still answers.
        assertThat(api.post("/api/queries/list")
                        .scope(organisation, project)
                        .body("{}")
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(count("queries", "project_id", project)).isZero();
    }

    @Test
    void jobListFiltersNameOnlyKnownModelsAndTextTimes() {
        JsonNode model = assertProblem(
                api.post("/api/cached-jobs/list")
                        .scope(organisation, project)
                        .json(Map.of("aiModels", List.of("gpt-4.1-mini", "openai")))
                        .send(),
                400);
        assertThat(errorFields(model)).containsExactly("aiModels[1]");
        assertThat(model.at("/errors/0/message").asString()).contains("gpt-4.1-mini", "claude-haiku-4-5");

        JsonNode time = assertProblem(
                api.post("/api/cached-jobs/list")
                        .scope(organisation, project)
                        .body("{\"createdFrom\":1234}")
                        .send(),
                400);
        assertThat(errorFields(time)).containsExactly("createdFrom");
        assertThat(api.post("/api/cached-jobs/list")
                        .scope(organisation, project)
                        .body("{\"createdFrom\":\"2023-08-22T12:00:00+02:00\"}")
                        .send()
                        .status())
                .isEqualTo(200);

        // A time Java reads but PostgreSQL cannot hold: the database refuses it, and that is a 400 too.
        JsonNode outOfRange = assertProblem(
                api.post("/api/cached-jobs/list")
                        .scope(organisation, project)
                        .body("{\"createdTo\":\"+300000-01-01T00:00:00Z\"}")
                        .send(),
                400);
        assertThat(outOfRange.at("/errors/0/message").asString()).contains("cannot store");
    }

    @Test
    void aHeaderGivenTwiceIsNamedEvenWhenOneIsEmpty() {
        JsonNode problem = assertProblem(
                api.post("/api/cached-jobs/list")
                        .header("x-organisation-id", "")
                        .header("x-organisation-id", organisation.toString())
                        .header("x-project-id", project.toString())
                        .body("{}")
                        .send(),
                400);

        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("header must be given once");
    }

    @Test
    void aPagePastTheLastIsEmptyAndOnePastAnyPageNumberIsRefusedNotClamped() {
        JsonNode page = api.post("/api/cached-jobs/list?page=2147483647")
                .scope(organisation, project)
                .body("{}")
                .send()
                .json();
        assertThat(page.get("results").size()).isZero();
        assertThat(page.at("/page/currentPage").asLong()).isEqualTo(2147483647L);

        JsonNode problem = assertProblem(
                api.post("/api/cached-jobs/list?page=99999999999")
                        .scope(organisation, project)
                        .body("{}")
                        .send(),
                400);
        assertThat(errorFields(problem)).containsExactly("page");
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("must be an integer from 1 to 2147483647");
    }

    @Test
    void aMemberGivenTwiceInOneObjectIsNamedAndNothingIsWritten() {
        JsonNode top = assertProblem(
                api.post("/api/queries")
                        .scope(organisation, project)
                        .body("{\"query\":\"a\",\"language\":\"en\",\"country\":\"US\",\"query\":\"b\"}")
                        .send(),
                400);
        assertThat(errorFields(top)).containsExactly("query");
        assertThat(top.at("/errors/0/message").asString()).isEqualTo("is given more than once");

        JsonNode nested = assertProblem(
                api.post("/api/queries/many")
                        .scope(organisation, project)
                        .body("{\"queries\":[{\"query\":\"a\",\"language\":\"en\",\"country\":\"US\"},"
                                + "{\"query\":\"b\",\"language\":\"en\",\"language\":\"fr\",\"country\":\"FR\"}]}")
                        .send(),
                400);
        assertThat(errorFields(nested)).containsExactly("queries[1].language");
        assertThat(count("queries", "project_id", project)).isZero();
    }

    @Test
    void aTrailingSlashIsA404NamingThePathAsSentAndWithoutIt() {
        JsonNode list = assertProblem(
                api.post("/api/queries/list/")
                        .scope(organisation, project)
                        .body("{}")
                        .send(),
                404);
        assertThat(list.get("type").asString()).isEqualTo("urn:cached-jobs:problem:no-endpoint");
        assertThat(list.get("detail").asString())
                .isEqualTo("No endpoint POST /api/queries/list/; paths take no trailing slash: POST /api/queries/list");

        String id = UUID.randomUUID().toString();
        JsonNode get = assertProblem(
                api.get("/api/cached-jobs/" + id + "/")
                        .scope(organisation, project)
                        .send(),
                404);
        assertThat(get.get("detail").asString())
                .contains("GET /api/cached-jobs/" + id + "/")
                .endsWith("GET /api/cached-jobs/" + id);
    }

    @Test
    void everyWriterAnswersProblemsInOneShape() {
        Api.Response fromMvc = api.get("/api/cached-jobs/" + UUID.randomUUID())
                .scope(organisation, project)
                .send();
        Api.Response fromAFilter = api.post("/api/queries")
                .scope(organisation, project)
                .contentType("application/yaml")
                .body("query: a")
                .send();
        Api.Response fromSecurity = api.get("/api/projects/list").withoutKey().send();

        for (Api.Response problem : List.of(fromMvc, fromAFilter, fromSecurity)) {
            assertThat(problem.contentType()).isEqualTo("application/problem+json;charset=UTF-8");
            assertThat(problem.json().propertyNames())
                    .as(problem.body())
                    .startsWith("type", "title", "status", "detail", "instance");
        }
    }

    @Test
    void aLoneSurrogateIsRefusedNamingTheFieldAndAPairIsKept() {
        for (String lone : List.of("a\\ud800b", "a\\udc00", "\\ud83d")) {
            JsonNode problem = assertProblem(
                    api.post("/api/queries")
                            .scope(organisation, project)
                            .body("{\"query\":\"" + lone + "\",\"language\":\"en\",\"country\":\"US\"}")
                            .send(),
                    400);
            assertThat(errorFields(problem)).containsExactly("query");
            assertThat(problem.at("/errors/0/message").asString()).contains("lone surrogate");
        }
        assertThat(count("queries", "project_id", project)).isZero();

        Api.Response pair = api.post("/api/queries")
                .scope(organisation, project)
                .body("{\"query\":\"CRM \\ud83d\\ude80\",\"language\":\"en\",\"country\":\"US\"}")
                .send();
        assertThat(pair.status()).as(pair.body()).isEqualTo(201);
        assertThat(pair.json().get("query").asString()).isEqualTo("CRM \uD83D\uDE80");
    }

    @Test
    void aPagingParameterGivenTwiceIsNamedNotSilentlyPicked() {
        JsonNode problem = assertProblem(
                api.post("/api/cached-jobs/list?page=1&page=2&limit=5")
                        .scope(organisation, project)
                        .body("{}")
                        .send(),
                400);
        assertThat(errorFields(problem)).containsExactly("page");
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("must be given once");
    }

    @Test
    void aBlankIdOrTimeInAFilterIsRefusedNotTakenAsLeftOut() {
        for (String filter : List.of("{\"queryId\":\"\"}", "{\"createdFrom\":\"\"}", "{\"status\":\"\"}")) {
            JsonNode problem = assertProblem(
                    api.post("/api/cached-jobs/list")
                            .scope(organisation, project)
                            .body(filter)
                            .send(),
                    400);
            assertThat(errorFields(problem)).as(filter).hasSize(1);
        }
    }
}
