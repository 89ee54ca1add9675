package io.cachedjobs.tag;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.tenancy.ProjectScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class TagApiTest extends ApiTest {

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Tags Org");
        project = createProject(organisation, "Brand");
    }

    private Api.Response create(Map<String, ?> tag) {
        return api.post("/api/tags").scope(organisation, project).json(tag).send();
    }

    private long createTag(String name, String color) {
        Api.Response response = create(Map.of("name", name, "color", color));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private Api.Response patch(long id, Map<String, ?> changes) {
        return api.method("PATCH", "/api/tags/" + id)
                .scope(organisation, project)
                .json(changes)
                .send();
    }

    private List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("results").forEach(tag -> names.add(tag.get("name").asString()));
        return names;
    }

    @Test
    void createAnswersTheTagWithANumericIdAndLocation() {
        Api.Response response = create(Map.of("name", "  Competitors ", "color", "#ff5733"));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode tag = response.json();
        assertThat(tag.propertyNames()).containsExactly("id", "project", "name", "color", "createdAt", "updatedAt");
        assertThat(tag.get("id").isIntegralNumber()).isTrue();
        assertThat(tag.get("project").asString()).isEqualTo(project.toString());
        assertThat(tag.get("name").asString()).isEqualTo("Competitors");
        assertThat(tag.get("color").asString()).isEqualTo("#FF5733");
        assertThat(response.location()).endsWith("/api/tags/" + tag.get("id").asLong());
        assertThat(api.get("/api/tags/" + tag.get("id").asLong())
                        .scope(organisation, project)
                        .send()
                        .json())
                .isEqualTo(tag);
    }

    @ParameterizedTest
    @CsvSource({
        "'',#FF5733,name",
        "'   ',#FF5733,name",
        "ok,red,color",
        "ok,#FF573,color",
        "ok,#FF57330,color",
        "ok,#GG5733,color",
        "ok,FF5733,color"
    })
    void createRejectsBadFields(String name, String color, String field) {
        assertThat(errorFields(assertProblem(create(Map.of("name", name, "color", color)), 400)))
                .containsExactly(field);
        assertThat(count("tags", "project_id", project)).isZero();
    }

    @Test
    void missingFieldsAndWrongTypesAreNamed() {
        assertThat(errorFields(assertProblem(create(Map.of()), 400))).containsExactly("color", "name");
        assertThat(errorFields(assertProblem(create(Map.of("name", 5, "color", "#FFFFFF")), 400)))
                .containsExactly("name");
    }

    @Test
    void nameIsAtMostAHundredCharacters() {
        createTag("x".repeat(100), "#000000");
        assertThat(errorFields(assertProblem(create(Map.of("name", "y".repeat(101), "color", "#000000")), 400)))
                .containsExactly("name");
    }

    @Test
    void aNameTakenInTheProjectIsAConflictNamingTheTag() {
        long existing = createTag("Competitors", "#FF5733");

        JsonNode problem = assertProblem(create(Map.of("name", " Competitors ", "color", "#000000")), 409);

        assertThat(problem.get("detail").asString()).contains("tag " + existing);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("duplicates tag " + existing);
        assertThat(count("tags", "project_id", project)).isEqualTo(1);
    }

    @Test
    void namesAreUniquePerProjectOnly() {
        createTag("Competitors", "#FF5733");
        UUID other = createProject(organisation, "Other");

        assertThat(api.post("/api/tags")
                        .scope(organisation, other)
                        .json(Map.of("name", "Competitors", "color", "#FF5733"))
                        .send()
                        .status())
                .isEqualTo(201);
        assertThat(createTag("competitors", "#FF5733")).isPositive();
    }

    @Test
    void listIsOrderedByNameAndPaged() {
        for (String name : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
            createTag(name, "#123456");
        }

        JsonNode first =
                api.get("/api/tags?limit=2").scope(organisation, project).send().json();
        JsonNode last = api.get("/api/tags?limit=2&page=3")
                .scope(organisation, project)
                .send()
                .json();
        JsonNode beyond = api.get("/api/tags?limit=2&page=4")
                .scope(organisation, project)
                .send()
                .json();

        assertThat(names(first)).containsExactly("alpha", "bravo");
        assertThat(first.get("page").toString())
                .isEqualTo("{\"totalRecords\":5,\"limit\":2,\"currentPage\":1,\"totalPages\":3,"
                        + "\"nextPage\":2,\"prevPage\":null}");
        assertThat(names(last)).containsExactly("echo");
        assertThat(last.get("page").get("nextPage").isNull()).isTrue();
        assertThat(last.get("page").get("prevPage").asInt()).isEqualTo(2);
        assertThat(names(beyond)).isEmpty();
        assertThat(names(
                        api.get("/api/tags").scope(organisation, project).send().json()))
                .containsExactly("alpha", "bravo", "charlie", "delta", "echo");
    }

    @Test
    void listLimitIsAtMostAHundred() {
        assertThat(api.get("/api/tags?limit=100")
                        .scope(organisation, project)
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(errorFields(assertProblem(
                        api.get("/api/tags?limit=101&page=0")
                                .scope(organisation, project)
                                .send(),
                        400)))
                .containsExactly("limit", "page");
    }

    @Test
    void aPageTooFarToCountIsEmpty() {
        createTag("only", "#123456");

        JsonNode page = api.get("/api/tags?limit=100&page=2147483647")
                .scope(organisation, project)
                .send()
                .json();

        assertThat(page.get("results").size()).isZero();
        assertThat(page.get("page").get("totalRecords").asInt()).isEqualTo(1);
    }

    @Test
    void patchChangesOnlyTheFieldsGiven() {
        long id = createTag("Competitors", "#FF5733");

        Api.Response recolored = patch(id, Map.of("color", "#00aa55"));
        assertThat(recolored.status()).as(recolored.body()).isEqualTo(200);
        assertThat(recolored.json().get("name").asString()).isEqualTo("Competitors");
        assertThat(recolored.json().get("color").asString()).isEqualTo("#00AA55");

        Api.Response renamed = patch(id, Map.of("name", " Rivals "));
        assertThat(renamed.json().get("name").asString()).isEqualTo("Rivals");
        assertThat(renamed.json().get("color").asString()).isEqualTo("#00AA55");
        assertThat(renamed.json().get("updatedAt").asString())
                .isGreaterThanOrEqualTo(renamed.json().get("createdAt").asString());

        assertThat(patch(id, Map.of()).json()).isEqualTo(renamed.json());
        assertThat(api.get("/api/tags/" + id)
                        .scope(organisation, project)
                        .send()
                        .json())
                .isEqualTo(renamed.json());
    }

    @Test
    void patchValidatesLikeCreate() {
        long id = createTag("Competitors", "#FF5733");

        assertThat(errorFields(assertProblem(patch(id, Map.of("name", " ", "color", "blue")), 400)))
                .containsExactly("color", "name");
        assertThat(errorFields(assertProblem(patch(id, Map.of("name", "z".repeat(101))), 400)))
                .containsExactly("name");
        assertThat(jdbc.queryForObject("select name || color from tags where id = ?", String.class, id))
                .isEqualTo("Competitors#FF5733");
    }

    @Test
    void patchToANameAnotherTagHasIsAConflictNamingIt() {
        long competitors = createTag("Competitors", "#FF5733");
        long rivals = createTag("Rivals", "#000000");

        JsonNode problem = assertProblem(patch(rivals, Map.of("name", "Competitors")), 409);

        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("duplicates tag " + competitors);
        assertThat(patch(competitors, Map.of("name", "Competitors")).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select name from tags where id = ?", String.class, rivals))
                .isEqualTo("Rivals");
    }

    @Test
    void deleteRemovesTheTagFromItsQueries() {
        long id = createTag("Competitors", "#FF5733");
        long kept = createTag("Kept", "#000000");
        Api.Response query = api.post("/api/queries")
                .scope(organisation, project)
                .json(Map.of("query", "best crm", "language", "en", "country", "US", "tagIds", List.of(id, kept)))
                .send();
        assertThat(query.status()).as(query.body()).isEqualTo(201);
        String queryId = query.json().get("id").asString();

        Api.Response deleted = api.method("DELETE", "/api/tags/" + id)
                .scope(organisation, project)
                .send();

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertProblem(api.get("/api/tags/" + id).scope(organisation, project).send(), 404);
        assertProblem(
                api.method("DELETE", "/api/tags/" + id)
                        .scope(organisation, project)
                        .send(),
                404);
        JsonNode tags = api.get("/api/queries/" + queryId)
                .scope(organisation, project)
                .send()
                .json()
                .get("tags");
        assertThat(tags.size()).isEqualTo(1);
        assertThat(tags.get(0).get("id").asLong()).isEqualTo(kept);
        assertThat(count("queries", "project_id", project)).isEqualTo(1);
    }

    @Test
    void anIdThatIsNotANumberOrTooLongNamesNoResource() {
        for (String id : List.of("abc", "1.5", "-1", "1234567890123456789")) {
            JsonNode problem = assertProblem(
                    api.get("/api/tags/" + id).scope(organisation, project).send(), 404);
            assertThat(problem.get("type").asString()).endsWith("no-endpoint");
        }
        assertProblem(
                api.get("/api/tags/123456789012345678")
                        .scope(organisation, project)
                        .send(),
                404);
    }

    @Test
    void everyCallWithAnotherOrganisationOrProjectIsNotFoundAndChangesNothing() {
        long id = createTag("Competitors", "#FF5733");
        String before = jdbc.queryForMap("select * from tags where id = ?", id).toString();
        UUID stranger = createOrganisation("Stranger");

        for (ProjectScope scope : foreignScopes(organisation, project)) {
            assertProblem(api.get("/api/tags/" + id).scope(scope).send(), refusal(scope));
            assertProblem(
                    api.method("PATCH", "/api/tags/" + id)
                            .scope(scope)
                            .json(Map.of("name", "Hijacked"))
                            .send(),
                    refusal(scope));
            assertProblem(api.method("DELETE", "/api/tags/" + id).scope(scope).send(), refusal(scope));
            assertNothingListed(scope, api.get("/api/tags").scope(scope).send());
        }
        for (UUID org : List.of(stranger, UUID.randomUUID())) {
            assertProblem(
                    api.post("/api/tags")
                            .scope(org, project)
                            .json(Map.of("name", "Intruder", "color", "#000000"))
                            .send(),
                    refusal(org));
        }

        assertThat(jdbc.queryForMap("select * from tags where id = ?", id).toString())
                .isEqualTo(before);
        assertThat(count("tags", "project_id", project)).isEqualTo(1);
    }

    @Test
    void tagCallsNeedBothTenantHeaders() {
        Map<String, Object> body = new HashMap<>(Map.of("name", "x", "color", "#000000"));
        assertThat(errorFields(assertProblem(
                        api.post("/api/tags")
                                .organisation(organisation)
                                .json(body)
                                .send(),
                        400)))
                .containsExactly("x-project-id");
        assertThat(errorFields(assertProblem(api.get("/api/tags").send(), 400)))
                .containsExactly("x-organisation-id", "x-project-id");
    }
}
