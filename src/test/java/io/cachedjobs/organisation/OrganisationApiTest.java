package io.cachedjobs.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class OrganisationApiTest extends ApiTest {

    @Test
    void createAnswersTheOrganisationWithItsLocation() {
        Api.Response response = api.post("/api/organisations")
                .json(Map.of("name", "  Crème Brûlée & Co  "))
                .send();

        assertThat(response.status()).isEqualTo(201);
        JsonNode organisation = response.json();
        assertThat(organisation.propertyNames()).containsExactly("id", "name", "slug", "createdAt", "updatedAt");
        assertThat(organisation.get("name").asString()).isEqualTo("Crème Brûlée & Co");
        assertThat(organisation.get("slug").asString()).startsWith("creme-brulee-co");
        assertThat(response.location())
                .endsWith("/api/organisations/" + organisation.get("id").asString());
        assertThat(api.get("/api/organisations/" + organisation.get("id").asString())
                        .send()
                        .json())
                .isEqualTo(organisation);
    }

    @Test
    void slugsStayUniqueWhenNamesRepeat() {
        String name = "Same Name " + UUID.randomUUID();
        String first = api.post("/api/organisations")
                .json(Map.of("name", name))
                .send()
                .json()
                .get("slug")
                .asString();
        String second = api.post("/api/organisations")
                .json(Map.of("name", name))
                .send()
                .json()
                .get("slug")
                .asString();

        assertThat(second).isEqualTo(first + "-2");
    }

    @Test
    void nameIsRequiredAndBounded() {
        assertThat(errorFields(
                        assertProblem(api.post("/api/organisations").body("{}").send(), 400)))
                .containsExactly("name");
        assertThat(errorFields(assertProblem(
                        api.post("/api/organisations")
                                .json(Map.of("name", "   "))
                                .send(),
                        400)))
                .containsExactly("name");
        assertThat(errorFields(assertProblem(
                        api.post("/api/organisations")
                                .json(Map.of("name", "x".repeat(201)))
                                .send(),
                        400)))
                .containsExactly("name");
        assertThat(errorFields(assertProblem(
                        api.post("/api/organisations").body("{\"name\":5}").send(), 400)))
                .containsExactly("name");
    }

    @Test
    void unknownOrganisationIsNotFound() {
        assertProblem(api.get("/api/organisations/" + UUID.randomUUID()).send(), 404);
        assertProblem(api.get("/api/organisations/not-a-uuid").send(), 404);
    }

    @Test
    void theListPagesThroughEveryOrganisationOldestFirstWithoutRepeats() {
        List<UUID> mine =
                List.of(createOrganisation("Listed A"), createOrganisation("Listed B"), createOrganisation("Listed C"));

        List<String> seen = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        long total = -1;
        for (int page = 1; ; page++) {
            JsonNode answer = list("?limit=2&page=" + page);
            total = answer.at("/page/totalRecords").asLong();
            answer.get("results").forEach(organisation -> {
                seen.add(organisation.get("id").asString());
                distinct.add(organisation.get("id").asString());
            });
            if (answer.at("/page/nextPage").isNull()) {
                break;
            }
            assertThat(answer.at("/page/nextPage").asInt()).isEqualTo(page + 1);
        }

        assertThat(seen).hasSize((int) total).hasSameSizeAs(distinct);
        // Created last, so listed last, in creation order.
        assertThat(seen.subList(seen.size() - 3, seen.size()))
                .containsExactlyElementsOf(mine.stream().map(UUID::toString).toList());
    }

    @Test
    void listPagesSayWhereTheyAre() {
        createOrganisation("Paged 1");
        createOrganisation("Paged 2");
        JsonNode first = list("?limit=1");
        long total = first.at("/page/totalRecords").asLong();

        assertThat(first.get("page").propertyNames())
                .containsExactly("totalRecords", "limit", "currentPage", "totalPages", "nextPage", "prevPage");
        assertThat(first.at("/page/limit").asInt()).isEqualTo(1);
        assertThat(first.at("/page/currentPage").asInt()).isEqualTo(1);
        assertThat(first.at("/page/totalPages").asLong()).isEqualTo(total);
        assertThat(first.at("/page/nextPage").asInt()).isEqualTo(2);
        assertThat(first.at("/page/prevPage").isNull()).isTrue();
        assertThat(first.get("results")).hasSize(1);
        assertThat(first.at("/results/0").propertyNames())
                .containsExactly("id", "name", "slug", "createdAt", "updatedAt");

        JsonNode last = list("?limit=1&page=" + total);
        assertThat(last.at("/page/nextPage").isNull()).isTrue();
        assertThat(last.at("/page/prevPage").asLong()).isEqualTo(total - 1);
        assertThat(last.get("results")).hasSize(1);
    }

    @Test
    void aPagePastTheLastIsEmptyNotAnError() {
        createOrganisation("Past the end");
        long total = list("?limit=100").at("/page/totalRecords").asLong();
        int lastPage = (int) ((total + 99) / 100);

        JsonNode beyond = list("?limit=100&page=" + (lastPage + 5));
        assertThat(beyond.get("results")).isEmpty();
        assertThat(beyond.at("/page/currentPage").asInt()).isEqualTo(lastPage + 5);
        assertThat(beyond.at("/page/totalRecords").asLong()).isGreaterThanOrEqualTo(total);
        assertThat(beyond.at("/page/nextPage").isNull()).isTrue();
        assertThat(beyond.at("/page/prevPage").asInt()).isEqualTo(lastPage);

        // Far beyond what a database offset can address: still an empty page.
        assertThat(list("?limit=100&page=2147483647").get("results")).isEmpty();
    }

    @Test
    void theListLimitDefaultsTo50() {
        assertThat(list("").at("/page/limit").asInt()).isEqualTo(50);
        assertThat(list("").at("/page/currentPage").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=99999999999"})
    void aBadLimitIsRefusedByName(String query) {
        assertThat(errorFields(
                        assertProblem(api.get("/api/organisations?" + query).send(), 400)))
                .containsExactly("limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=0", "page=-1", "page=x", "page=1.5"})
    void aBadPageIsRefusedByName(String query) {
        assertThat(errorFields(
                        assertProblem(api.get("/api/organisations?" + query).send(), 400)))
                .containsExactly("page");
    }

    @Test
    void aBadLimitAndPageAreRefusedTogether() {
        JsonNode problem =
                assertProblem(api.get("/api/organisations?limit=500&page=0").send(), 400);
        assertThat(errorFields(problem)).containsExactly("limit", "page");
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("must be an integer from 1 to 100");
    }

    private JsonNode list(String query) {
        Api.Response response = api.get("/api/organisations" + query).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
