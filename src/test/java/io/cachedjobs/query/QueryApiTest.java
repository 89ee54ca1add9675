package io.cachedjobs.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class QueryApiTest extends ApiTest {

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Queries Org");
        project = createProject(organisation, "Brand");
    }

    private Api.Response create(Map<String, ?> query) {
        return api.post("/api/queries").scope(organisation, project).json(query).send();
    }

    @Test
    void createAnswersTheQueryWithNormalisedCodes() {
        Api.Response response = create(Map.of("query", " Which CRM is best? ", "language", "ZH-CN", "country", "cn"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode query = response.json();
        assertThat(query.propertyNames())
                .containsExactly("id", "project", "query", "language", "country", "tags", "createdAt", "updatedAt");
        assertThat(query.get("project").asString()).isEqualTo(project.toString());
        assertThat(query.get("query").asString()).isEqualTo("Which CRM is best?");
        assertThat(query.get("language").asString()).isEqualTo("zh-cn");
        assertThat(query.get("country").asString()).isEqualTo("CN");
        assertThat(query.get("tags").size()).isZero();
        assertThat(response.location())
                .endsWith("/api/queries/" + query.get("id").asString());
        assertThat(api.get("/api/queries/" + query.get("id").asString())
                        .scope(organisation, project)
                        .send()
                        .json())
                .isEqualTo(query);
    }

    @ParameterizedTest
    @CsvSource({"iw,he", "IW-il,he-il", "in,id", "ji,yi", "mo,ro"})
    void aWithdrawnLanguageCodeIsStoredAsTheCurrentOneAndDuplicatesIt(String withdrawn, String current) {
        Api.Response response = create(Map.of("query", "Which CRM?", "language", withdrawn, "country", "IL"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("language").asString()).isEqualTo(current);

        Api.Response again = create(Map.of("query", "Which CRM?", "language", current, "country", "IL"));
        assertThat(again.status()).isEqualTo(409);

        JsonNode page = api.post("/api/queries/list")
                .scope(organisation, project)
                .json(Map.of("languages", List.of(withdrawn)))
                .send()
                .json();
        assertThat(page.at("/page/totalRecords").asLong()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
        "'',en,US,query",
        "'   ',en,US,query",
        "q,english,US,language",
        "q,e,US,language",
        "q,xx,US,language",
        "q,en-zz,US,language",
        "q,en-us-x,US,language",
        "q,en,USA,country",
        "q,en,ZZ,country",
        "q,en,'',country"
    })
    void createRejectsBadFields(String text, String language, String country, String field) {
        assertThat(errorFields(
                        assertProblem(create(Map.of("query", text, "language", language, "country", country)), 400)))
                .containsExactly(field);
        assertThat(count("queries", "project_id", project)).isZero();
    }

    @Test
    void queryTextIsAtMostTwoThousandCharacters() {
        assertThat(create(Map.of("query", "x".repeat(2000), "language", "en", "country", "US"))
                        .status())
                .isEqualTo(201);
        assertThat(errorFields(assertProblem(
                        create(Map.of("query", "x".repeat(2001), "language", "en", "country", "US")), 400)))
                .containsExactly("query");
    }

    @Test
    void missingFieldsAreNamed() {
        assertThat(errorFields(assertProblem(create(Map.of()), 400))).containsExactly("country", "language", "query");
    }

    @Test
    void manyCreatesEveryQueryInOrder() {
        List<UUID> ids = createQueries(organisation, project, "a", "en", "US", "b", "fr", "FR", "c", "pt-br", "BR");

        assertThat(ids).hasSize(3);
        assertThat(ids).isSorted();
        assertThat(count("queries", "project_id", project)).isEqualTo(3);
    }

    @Test
    void manyIsAllOrNothing() {
        List<Map<String, String>> queries = List.of(
                Map.of("query", "fine", "language", "en", "country", "US"),
                Map.of("query", "fine too", "language", "de", "country", "DE"),
                Map.of("query", "bad", "language", "klingon", "country", "US"));

        JsonNode problem = assertProblem(
                api.post("/api/queries/many")
                        .scope(organisation, project)
                        .json(Map.of("queries", queries))
                        .send(),
                400);

        assertThat(errorFields(problem)).containsExactly("queries[2].language");
        assertThat(count("queries", "project_id", project)).isZero();
    }

    @Test
    void manyTakesOneToAThousandQueries() {
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Map.of("query", "q" + i, "language", "en", "country", "US"));
        }
        for (Object queries : List.of(List.of(), tooMany)) {
            assertThat(errorFields(assertProblem(
                            api.post("/api/queries/many")
                                    .scope(organisation, project)
                                    .json(Map.of("queries", queries))
                                    .send(),
                            400)))
                    .containsExactly("queries");
        }
        assertThat(api.post("/api/queries/many")
                        .scope(organisation, project)
                        .json(Map.of("queries", tooMany.subList(0, 1000)))
                        .send()
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aQueryOfAnotherProjectIsNotFound() {
        UUID otherProject = createProject(organisation, "Other");
        UUID theirs =
                createQueries(organisation, otherProject, "theirs", "en", "US").get(0);

        assertProblem(
                api.get("/api/queries/" + theirs).scope(organisation, project).send(), 404);
        assertProblem(
                api.post("/api/queries")
                        .scope(createOrganisation("Stranger"), project)
                        .json(Map.of("query", "q", "language", "en", "country", "US"))
                        .send(),
                404);
        assertThat(count("queries", "project_id", project)).isZero();
    }
}
