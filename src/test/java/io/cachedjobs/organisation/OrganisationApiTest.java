package io.cachedjobs.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OrganisationApiTest extends ApiTest {

    @Test
    void createAnswersTheOrganisationWithItsLocation() {
        Api.Response response = api.post("/api/organisations")
                .operator()
                .json(Map.of("name", "  Crème Brûlée & Co  "))
                .send();

        assertThat(response.status()).isEqualTo(201);
        ObjectNode organisation = (ObjectNode) response.json();
        JsonNode key = organisation.remove("apiKey");
        assertThat(organisation.propertyNames()).containsExactly("id", "name", "slug", "createdAt", "updatedAt");
        assertThat(key.get("role").asString()).isEqualTo("admin");
        assertThat(key.get("key").asString()).matches("cj_live_[A-Za-z0-9_-]{43}");
        assertThat(organisation.get("name").asString()).isEqualTo("Crème Brûlée & Co");
        assertThat(organisation.get("slug").asString()).startsWith("creme-brulee-co");
        assertThat(response.location())
                .endsWith("/api/organisations/" + organisation.get("id").asString());
        UUID id = UUID.fromString(organisation.get("id").asString());
        assertThat(api.get("/api/organisations/" + id)
                        .organisation(id)
                        .key(key.get("key").asString())
                        .send()
                        .json())
                .isEqualTo(organisation);
    }

    @Test
    void slugsStayUniqueWhenNamesRepeat() {
        String name = "Same Name " + UUID.randomUUID();
        String first = api.post("/api/organisations")
                .operator()
                .json(Map.of("name", name))
                .send()
                .json()
                .get("slug")
                .asString();
        String second = api.post("/api/organisations")
                .operator()
                .json(Map.of("name", name))
                .send()
                .json()
                .get("slug")
                .asString();

        assertThat(second).isEqualTo(first + "-2");
    }

    @Test
    void nameIsRequiredAndBounded() {
        assertThat(errorFields(assertProblem(
                        api.post("/api/organisations").operator().body("{}").send(), 400)))
                .containsExactly("name");
        assertThat(errorFields(assertProblem(
                        api.post("/api/organisations")
                                .operator()
                                .json(Map.of("name", "   "))
                                .send(),
                        400)))
                .containsExactly("name");
        assertThat(errorFields(assertProblem(
                        api.post("/api/organisations")
                                .operator()
                                .json(Map.of("name", "x".repeat(201)))
                                .send(),
                        400)))
                .containsExactly("name");
        assertThat(errorFields(assertProblem(
                        api.post("/api/organisations")
                                .operator()
                                .body("{\"name\":5}")
                                .send(),
                        400)))
                .containsExactly("name");
    }

    @Test
    void anotherOrUnknownOrganisationIsNotFound() {
        UUID mine = createOrganisation("Mine");
        UUID theirs = createOrganisation("Theirs");

        JsonNode foreign = assertProblem(
                api.get("/api/organisations/" + theirs).organisation(mine).send(), 404);
        JsonNode unknown = assertProblem(
                api.get("/api/organisations/" + UUID.randomUUID())
                        .organisation(mine)
                        .send(),
                404);
        assertThat(foreign.get("title")).isEqualTo(unknown.get("title"));
        assertProblem(
                api.get("/api/organisations/" + mine)
                        .organisation(UUID.randomUUID())
                        .send(),
                403);
        assertProblem(
                api.get("/api/organisations/not-a-uuid").organisation(mine).send(), 404);
        assertThat(errorFields(
                        assertProblem(api.get("/api/organisations/" + mine).send(), 400)))
                .containsExactly("x-organisation-id");
    }

    @Test
    void theListHoldsTheCallersOrganisationAndNoOther() {
        UUID mine = createOrganisation("Listed A");
        createOrganisation("Listed B");

        JsonNode answer = list(mine, "");

        assertThat(answer.get("page").propertyNames())
                .containsExactly("totalRecords", "limit", "currentPage", "totalPages", "nextPage", "prevPage");
        assertThat(answer.at("/page/totalRecords").asInt()).isEqualTo(1);
        assertThat(answer.at("/page/totalPages").asInt()).isEqualTo(1);
        assertThat(answer.at("/page/limit").asInt()).isEqualTo(50);
        assertThat(answer.at("/page/nextPage").isNull()).isTrue();
        assertThat(answer.at("/page/prevPage").isNull()).isTrue();
        assertThat(answer.get("results")).hasSize(1);
        assertThat(answer.at("/results/0/id").asString()).isEqualTo(mine.toString());
        assertThat(answer.at("/results/0").propertyNames())
                .containsExactly("id", "name", "slug", "createdAt", "updatedAt");
        assertProblem(
                api.get("/api/organisations").organisation(UUID.randomUUID()).send(), 403);
    }

    @Test
    void aPagePastTheLastIsEmptyNotAnError() {
        UUID mine = createOrganisation("Past the end");

        JsonNode beyond = list(mine, "?limit=1&page=3");
        assertThat(beyond.get("results")).isEmpty();
        assertThat(beyond.at("/page/currentPage").asInt()).isEqualTo(3);
        assertThat(beyond.at("/page/nextPage").isNull()).isTrue();
        assertThat(beyond.at("/page/prevPage").asInt()).isEqualTo(1);
        // Far beyond what a database offset can address: still an empty page.
        assertThat(list(mine, "?limit=100&page=2147483647").get("results")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=99999999999"})
    void aBadLimitIsRefusedByName(String query) {
        UUID mine = createOrganisation("Limits");
        assertThat(errorFields(assertProblem(
                        api.get("/api/organisations?" + query)
                                .organisation(mine)
                                .send(),
                        400)))
                .containsExactly("limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "page=-1", "page=x", "page=1.5"})
    void aBadPageIsRefusedByName(String query) {
        UUID mine = createOrganisation("Pages");
        assertThat(errorFields(assertProblem(
                        api.get("/api/organisations?" + query)
                                .organisation(mine)
                                .send(),
                        400)))
                .containsExactly("page");
    }

    @Test
    void aBadLimitAndPageAreRefusedTogether() {
        UUID mine = createOrganisation("Both");
        JsonNode problem = assertProblem(
                api.get("/api/organisations?limit=500&page=0")
                        .organisation(mine)
                        .send(),
                400);
        assertThat(errorFields(problem)).containsExactly("limit", "page");
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("must be an integer from 1 to 100");
    }

    private JsonNode list(UUID organisation, String query) {
        Api.Response response =
                api.get("/api/organisations" + query).organisation(organisation).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
