package io.cachedjobs.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH and DELETE of a project, and that no call reaches a project of another organisation. */
class ProjectChangesApiTest extends ProjectCalls {

    @Test
    void patchChangesEachFieldItCarriesAndNothingElse() {
        UUID organisation = createOrganisation("Patch Org");
        JsonNode before = create(organisation, Map.of("name", "Acme CRM", "website", "https://acme.example"));
        String id = before.get("id").asString();

        JsonNode renamed = patch(organisation, id, Map.of("name", "  Acme Suite  "));
        assertThat(renamed.get("name").asString()).isEqualTo("Acme Suite");
        assertThat(renamed.get("website").asString()).isEqualTo("https://acme.example");

        assertThat(patch(organisation, id, Map.of("website", "https://suite.example"))
                        .get("website")
                        .asString())
                .isEqualTo("https://suite.example");
        assertThat(patch(organisation, id, Map.of("industry", "SaaS"))
                        .get("industry")
                        .asString())
                .isEqualTo("SaaS");
        assertThat(patch(organisation, id, Map.of("description", "All-in-one"))
                        .get("description")
                        .asString())
                .isEqualTo("All-in-one");
        assertThat(patch(organisation, id, Map.of("recurrence", "weekly"))
                        .get("recurrence")
                        .asString())
                .isEqualTo("weekly");
        assertThat(patch(organisation, id, Map.of("recurrenceTimezone", "Europe/Brussels"))
                        .get("recurrenceTimezone")
                        .asString())
                .isEqualTo("Europe/Brussels");
        assertThat(patch(organisation, id, Map.of("recurrenceStatus", "paused"))
                        .get("recurrenceStatus")
                        .asString())
                .isEqualTo("paused");
        assertThat(patch(organisation, id, Map.of("llmProviders", List.of("perplexity", "openai5")))
                        .get("llmProviders")
                        .toString())
                .isEqualTo("[\"perplexity\",\"openai5\"]");
        JsonNode after = patch(organisation, id, Map.of("executionCount", 7));
        assertThat(after.get("executionCount").asInt()).isEqualTo(7);

        assertThat(after.get("name").asString()).isEqualTo("Acme Suite");
        assertThat(after.get("recurrence").asString()).isEqualTo("weekly");
        assertThat(after.get("createdAt")).isEqualTo(before.get("createdAt"));
        assertThat(after.get("updatedAt").asString())
                .isGreaterThan(before.get("updatedAt").asString());
        assertThat(get(organisation, id)).isEqualTo(after);
    }

    @Test
    void patchOfSeveralFieldsAtOnceChangesThemTogether() {
        UUID organisation = createOrganisation("Patch Org");
        String id = create(organisation, Map.of("name", "Brand")).get("id").asString();

        JsonNode after = patch(
                organisation,
                id,
                Map.of(
                        "name", "Brand 2",
                        "recurrence", "0 9 * * MON",
                        "recurrenceTimezone", "America/New_York",
                        "llmProviders", List.of("anthropic"),
                        "executionCount", 1));

        assertThat(after.get("name").asString()).isEqualTo("Brand 2");
        assertThat(after.get("recurrence").asString()).isEqualTo("0 9 * * MON");
        assertThat(after.get("recurrenceTimezone").asString()).isEqualTo("America/New_York");
        assertThat(after.get("llmProviders").toString()).isEqualTo("[\"anthropic\"]");
        assertThat(after.get("executionCount").asInt()).isEqualTo(1);
    }

    @Test
    void absentOrNullFieldsAreUnchangedAndAnEmptyPatchChangesNothing() {
        UUID organisation = createOrganisation("Patch Org");
        JsonNode before = create(
                organisation,
                Map.of("name", "Brand", "website", "https://brand.example", "industry", "Retail", "description", "d"));
        String id = before.get("id").asString();

        assertThat(patch(organisation, id, Map.of())).isEqualTo(before);
        Map<String, Object> nulls = new HashMap<>();
        for (String field : List.of(
                "name",
                "website",
                "industry",
                "description",
                "recurrence",
                "recurrenceTimezone",
                "recurrenceStatus",
                "llmProviders",
                "executionCount")) {
            nulls.put(field, null);
        }
        assertThat(patch(organisation, id, nulls)).isEqualTo(before);
        assertThat(get(organisation, id)).isEqualTo(before);
    }

    @Test
    void anEmptyStringClearsTheOptionalTexts() {
        UUID organisation = createOrganisation("Patch Org");
        String id = create(
                        organisation,
                        Map.of(
                                "name", "Brand",
                                "website", "https://brand.example",
                                "industry", "Retail",
                                "description", "d"))
                .get("id")
                .asString();

        JsonNode cleared = patch(organisation, id, Map.of("website", "", "industry", "", "description", "  "));

        assertThat(cleared.get("website").isNull()).isTrue();
        assertThat(cleared.get("industry").isNull()).isTrue();
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(cleared.get("name").asString()).isEqualTo("Brand");
    }

    @Test
    void theNameCannotBecomeBlankAndTextsKeepTheirRules() {
        UUID organisation = createOrganisation("Patch Org");
        String id = create(organisation, Map.of("name", "Brand")).get("id").asString();

        assertThat(errorFields(refused(organisation, id, Map.of("name", "   "))))
                .containsExactly("name");
        assertThat(errorFields(refused(organisation, id, Map.of("name", "")))).containsExactly("name");
        assertThat(errorFields(refused(organisation, id, Map.of("name", "x".repeat(201)))))
                .containsExactly("name");
        assertThat(errorFields(refused(organisation, id, Map.of("website", "ftp://nope"))))
                .containsExactly("website");
        assertThat(errorFields(refused(organisation, id, "{\"name\": 5}"))).containsExactly("name");
        assertThat(get(organisation, id).get("name").asString()).isEqualTo("Brand");
    }

    @Test
    void anInvalidPatchChangesNothingEvenInItsValidFields() {
        UUID organisation = createOrganisation("Patch Org");
        JsonNode before = create(organisation, Map.of("name", "Brand"));
        String id = before.get("id").asString();

        JsonNode problem = refused(
                organisation,
                id,
                Map.of(
                        "name", "Renamed",
                        "recurrence", "hourly",
                        "recurrenceTimezone", "Mars/Olympus",
                        "executionCount", 0));

        assertThat(errorFields(problem)).containsExactly("executionCount", "recurrence", "recurrenceTimezone");
        assertThat(get(organisation, id)).isEqualTo(before);
    }

    @Test
    void patchAndDeleteNeedAValidOrganisationHeader() {
        UUID organisation = createOrganisation("Patch Org");
        String id = create(organisation, Map.of("name", "Brand")).get("id").asString();

        assertThat(errorFields(assertProblem(
                        api.method("PATCH", "/api/projects/" + id)
                                .json(Map.of("name", "x"))
                                .send(),
                        400)))
                .containsExactly("x-organisation-id");
        assertThat(errorFields(assertProblem(
                        api.method("DELETE", "/api/projects/" + id)
                                .header("x-organisation-id", "nope")
                                .send(),
                        400)))
                .containsExactly("x-organisation-id");
        assertThat(errorFields(assertProblem(
                        api.method("DELETE", "/api/projects/" + id)
                                .organisation(UUID.randomUUID())
                                .send(),
                        403)))
                .containsExactly("x-organisation-id");
        assertThat(get(organisation, id).get("name").asString()).isEqualTo("Brand");
    }

    @Test
    void patchNeedsAJsonObject() {
        UUID organisation = createOrganisation("Patch Org");
        String id = create(organisation, Map.of("name", "Brand")).get("id").asString();

        assertThat(errorFields(refused(organisation, id, "[]"))).containsExactly("body");
        assertThat(errorFields(refused(organisation, id, "{"))).containsExactly("body");
        assertProblem(
                api.method("PATCH", "/api/projects/" + id)
                        .organisation(organisation)
                        .contentType("text/plain")
                        .body("{}")
                        .send(),
                415);
    }

    @Test
    void deleteAnswers204AndTheProjectIsGoneWithItsQueriesAndJobs() {
        UUID organisation = createOrganisation("Delete Org");
        UUID project = createProject(organisation, "Doomed");
        UUID kept = createProject(organisation, "Kept");
        createQueries(organisation, project, "q1", "en", "US", "q2", "fr", "FR");
        createQueries(organisation, kept, "q3", "en", "US");
        assertThat(api.post("/api/cached-jobs/trigger")
                        .scope(organisation, project)
                        .json(Map.of("aiModels", List.of("openai"), "executionCount", 1))
                        .send()
                        .status())
                .isEqualTo(201);

        Api.Response deleted = api.method("DELETE", "/api/projects/" + project)
                .organisation(organisation)
                .send();

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertProblem(
                api.get("/api/projects/" + project).organisation(organisation).send(), 404);
        assertThat(count("queries", "project_id", project)).isZero();
        assertThat(count("cached_jobs", "project_id", project)).isZero();
        assertThat(count("queries", "project_id", kept)).isEqualTo(1);
        assertProblem(
                api.method("DELETE", "/api/projects/" + project)
                        .organisation(organisation)
                        .send(),
                404);
        assertProblem(
                api.method("PATCH", "/api/projects/" + project)
                        .organisation(organisation)
                        .json(Map.of("name", "Back"))
                        .send(),
                404);
    }

    @Test
    void everyCallWithAProjectOfAnotherOrganisationAnswers404AndChangesNothing() {
        UUID mine = createOrganisation("Mine");
        UUID theirs = createOrganisation("Theirs");
        UUID theirProject = createProject(theirs, "Their brand");
        createQueries(theirs, theirProject, "their query", "en", "US");
        JsonNode before = get(theirs, theirProject.toString());
        String path = "/api/projects/" + theirProject;

        JsonNode read = assertProblem(api.get(path).organisation(mine).send(), 404);
        JsonNode changed = assertProblem(
                api.method("PATCH", path)
                        .organisation(mine)
                        .json(Map.of("name", "Hijacked", "recurrence", "daily", "executionCount", 9))
                        .send(),
                404);
        JsonNode deleted =
                assertProblem(api.method("DELETE", path).organisation(mine).send(), 404);
        JsonNode missing = assertProblem(
                api.method("DELETE", "/api/projects/" + UUID.randomUUID())
                        .organisation(mine)
                        .send(),
                404);

        for (JsonNode problem : List.of(read, changed, deleted)) {
            assertThat(problem.get("type")).isEqualTo(missing.get("type"));
            assertThat(problem.get("title")).isEqualTo(missing.get("title"));
            assertThat(problem.has("errors")).isEqualTo(missing.has("errors"));
        }
        assertThat(api.get("/api/projects/list")
                        .organisation(mine)
                        .send()
                        .json()
                        .get("results"))
                .isEmpty();
        assertThat(get(theirs, theirProject.toString())).isEqualTo(before);
        assertThat(count("queries", "project_id", theirProject)).isEqualTo(1);
    }

    private JsonNode refused(UUID organisation, String id, Object body) {
        Api.Request request = api.method("PATCH", "/api/projects/" + id).organisation(organisation);
        return assertProblem((body instanceof String raw ? request.body(raw) : request.json(body)).send(), 400);
    }
}
