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

/** Text is counted, trimmed and normalised as a user reads it, and names are one plain line. */
class TextApiTest extends ApiTest {

    /** U+1F600, one character outside the Basic Multilingual Plane: two UTF-16 units. */
    private static final String EMOJI = "\uD83D\uDE00";

    /** What a clipboard or keyboard adds around text that nobody sees. */
    private static final String INVISIBLE = "\u00A0\u3000\u200B\uFEFF\u2060\u200E \t\n\u0085\u2028";

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

    private Api.Response patchTag(long id, String name) {
        return api.method("PATCH", "/api/tags/" + id)
                .scope(organisation, project)
                .json(Map.of("name", name))
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

    private Api.Response patchProject(String name) {
        return api.method("PATCH", "/api/projects/" + project)
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

    @Test
    void theLimitCountsTheTextAsStoredTrimmedAndComposed() {
        // 2,000 decomposed é are 4,000 code points as sent, 2,000 characters once composed
        assertThat(created(createQuery("e\u0301".repeat(2000) + "  "))
                        .get("query")
                        .asString())
                .isEqualTo("\u00E9".repeat(2000));
    }

    @Test
    void invisibleCharactersAreTrimmedFromBothEnds() {
        JsonNode query = created(createQuery(INVISIBLE + "Which CRM?" + INVISIBLE));
        assertThat(query.get("query").asString()).isEqualTo("Which CRM?");
        assertThat(createQuery("\u200BWhich CRM?\u00A0").status()).isEqualTo(409);

        JsonNode tag = created(createTag(INVISIBLE + "Competitors" + INVISIBLE));
        assertThat(tag.get("name").asString()).isEqualTo("Competitors");
        assertThat(createTag("\uFEFFCompetitors").status()).isEqualTo(409);

        assertThat(created(createOrganisationNamed("\u3000Acme\u00A0"))
                        .get("name")
                        .asString())
                .isEqualTo("Acme");
        assertThat(created(createProjectNamed("\u200BSide project\u200B"))
                        .get("name")
                        .asString())
                .isEqualTo("Side project");
        assertThat(created(createKey("\uFEFFDashboard ")).get("name").asString())
                .isEqualTo("Dashboard");

        // Inside the text they stay: a no-break space between words is the writer's choice
        assertThat(created(createQuery("a\u00A0b")).get("query").asString()).isEqualTo("a\u00A0b");
    }

    @Test
    void anEmojiFlagKeepsTheTagCharactersThatEndIt() {
        String scotland = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";
        assertThat(created(createTag("Scotland " + scotland)).get("name").asString())
                .isEqualTo("Scotland " + scotland);
    }

    @Test
    void textOfOnlyInvisibleCharactersIsBlank() {
        assertRefused(createQuery(INVISIBLE), "query", "blank");
        assertRefused(createTag("\u200B\uFEFF"), "name", "blank");
        assertRefused(createOrganisationNamed("\u00A0\u3000"), "name", "blank");
        assertRefused(createProjectNamed("\u2060"), "name", "blank");
        assertRefused(createKey("\u00A0"), "name", "blank");
        assertRefused(patchProject("\u200B"), "name", "blank");
        long tag = created(createTag("Kept")).get("id").asLong();
        assertRefused(patchTag(tag, "\u00A0\u200B"), "name", "blank");

        String id = created(createQuery("Kept")).get("id").asString();
        assertRefused(
                api.method("PATCH", "/api/queries/" + id)
                        .scope(organisation, project)
                        .json(Map.of("query", "\uFEFF\u3000"))
                        .send(),
                "query",
                "blank");
        assertThat(count("queries", "project_id", project)).isOne();
    }

    @Test
    void composedAndDecomposedTextAreOneQueryAndOneTag() {
        String decomposed = "Best cafe\u0301 CRM";
        String composed = "Best caf\u00E9 CRM";
        JsonNode query = created(createQuery(decomposed));
        assertThat(query.get("query").asString()).isEqualTo(composed);
        JsonNode duplicate = assertProblem(createQuery(composed), 409);
        assertThat(duplicate.toString()).contains(query.get("id").asString());

        JsonNode page = api.post("/api/queries/list")
                .scope(organisation, project)
                .json(Map.of("query", "cafe\u0301"))
                .send()
                .json();
        assertThat(page.at("/page/totalRecords").asLong()).isOne();

        JsonNode tag = created(createTag("Cafe\u0301s"));
        assertThat(tag.get("name").asString()).isEqualTo("Caf\u00E9s");
        assertThat(createTag("Caf\u00E9s").status()).isEqualTo(409);
        Api.Response byName = api.post("/api/queries/list")
                .scope(organisation, project)
                .json(Map.of("tagNames", List.of("Cafe\u0301s")))
                .send();
        assertThat(byName.status()).as(byName.body()).isEqualTo(200);
    }

    @Test
    void namesRefuseControlAndBidirectionalFormattingCharacters() {
        long tag = created(createTag("Plain")).get("id").asLong();
        for (String bad : List.of(
                "invoice\u202Efdp.exe",
                "a\u202Ab",
                "a\u2066b\u2069",
                "two\nlines",
                "tab\tinside",
                "bell\u0007inside",
                "c1\u0085inside",
                "para\u2029graph")) {
            assertRefused(createOrganisationNamed(bad), "name", "must not contain");
            assertRefused(createProjectNamed(bad), "name", "must not contain");
            assertRefused(patchProject(bad), "name", "must not contain");
            assertRefused(createTag(bad), "name", "must not contain");
            assertRefused(patchTag(tag, bad), "name", "must not contain");
            assertRefused(createKey(bad), "name", "must not contain");
        }
        // Even at an end, where invisible characters are trimmed: an override is refused, not dropped
        assertRefused(createTag("\u202EReversed"), "name", "a bidirectional formatting character (U+202E)");
        assertRefused(createTag("two\nlines"), "name", "a line break (U+000A)");
    }

    @Test
    void queriesKeepInnerNewlinesAndTabs() {
        JsonNode query = created(createQuery("\nLine one\n\tLine two\n"));
        assertThat(query.get("query").asString()).isEqualTo("Line one\n\tLine two");
    }
}
