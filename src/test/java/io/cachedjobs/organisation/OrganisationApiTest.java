package io.cachedjobs.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
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
}
