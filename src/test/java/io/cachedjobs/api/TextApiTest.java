package io.cachedjobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Text is counted as a user reads it: in characters, not UTF-16 units. */
class TextApiTest extends ApiTest {

    /** U+1F600, one character outside the Basic Multilingual Plane: two UTF-16 units. */
    private static final String EMOJI = "\uD83D\uDE00";

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Text Org");
        project = createProject(organisation, "Brand");
    }

    private Api.Response createQuery(String text) {
        return api.post("/api/queries")
                .scope(organisation, project)
                .json(Map.of("query", text, "language", "en", "country", "US"))
                .send();
    }

    private Api.Response createTag(String name) {
        return api.post("/api/tags")
                .scope(organisation, project)
                .json(Map.of("name", name, "color", "#000000"))
                .send();
    }

    private Api.Response createOrganisationNamed(String name) {
        return api.post("/api/organisations")
                .operator()
                .json(Map.of("name", name))
                .send();
    }

    private Api.Response createProjectNamed(String name) {
        return api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of("name", name))
                .send();
    }

    private Api.Response createKey(String name) {
        return api.post("/api/api-keys")
                .organisation(organisation)
                .json(Map.of("name", name, "role", "viewer"))
                .send();
    }

    private static JsonNode created(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static void assertRefused(Api.Response response, String field, String message) {
        JsonNode problem = assertProblem(response, 400);
        assertThat(errorFields(problem)).containsExactly(field);
        assertThat(problem.at("/errors/0/message").asString()).contains(message);
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        assertThat(created(createQuery(EMOJI.repeat(2000))).get("query").asString())
                .isEqualTo(EMOJI.repeat(2000));
        assertRefused(createQuery(EMOJI.repeat(2001)), "query", "must be at most 2000 characters");

        assertThat(created(createTag(EMOJI.repeat(100))).get("name").asString()).isEqualTo(EMOJI.repeat(100));
        assertRefused(createTag("t" + EMOJI.repeat(100)), "name", "must be at most 100 characters");

        assertThat(created(createOrganisationNamed(EMOJI.repeat(200)))
                        .get("name")
                        .asString())
                .isEqualTo(EMOJI.repeat(200));
        assertThat(created(createProjectNamed(EMOJI.repeat(200))).get("name").asString())
                .isEqualTo(EMOJI.repeat(200));
        assertThat(created(createKey(EMOJI.repeat(100))).get("name").asString()).isEqualTo(EMOJI.repeat(100));

        Api.Response description = api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of("name", "Long", "description", EMOJI.repeat(5000), "industry", EMOJI.repeat(200)))
                .send();
        assertThat(created(description).get("description").asString()).isEqualTo(EMOJI.repeat(5000));
    }
}
