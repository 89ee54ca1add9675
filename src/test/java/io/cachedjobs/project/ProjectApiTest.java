package io.cachedjobs.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProjectApiTest extends ApiTest {

    @Test
    void createAndGetAProject() {
        UUID organisation = createOrganisation("Projects Org");

        Api.Response created = api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of(
                        "name", "Acme CRM",
                        "website", "https://acme.example",
                        "industry", "Software",
                        "description", "CRM for small businesses"))
                .send();

        assertThat(created.status()).isEqualTo(201);
        JsonNode project = created.json();
        assertThat(project.propertyNames())
                .containsExactly(
                        "id",
                        "organisation",
                        "name",
                        "website",
                        "industry",
                        "description",
                        "recurrence",
                        "recurrenceTimezone",
                        "recurrenceStatus",
                        "llmProviders",
                        "executionCount",
                        "nextRunAt",
                        "lastRunAt",
                        "createdAt",
                        "updatedAt");
        assertThat(project.get("organisation").asString()).isEqualTo(organisation.toString());
        assertThat(project.get("website").asString()).isEqualTo("https://acme.example");
        String id = project.get("id").asString();
        assertThat(created.location()).endsWith("/api/projects/" + id);
        assertThat(api.get("/api/projects/" + id)
                        .organisation(organisation)
                        .send()
                        .json())
                .isEqualTo(project);
    }

    @Test
    void optionalFieldsMayBeLeftOut() {
        UUID organisation = createOrganisation("Projects Org");

        JsonNode project = api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of("name", "Bare"))
                .send()
                .json();

        assertThat(project.get("website").isNull()).isTrue();
        assertThat(project.get("industry").isNull()).isTrue();
    }

    @Test
    void createValidatesTheHeaderAndTheBody() {
        UUID organisation = createOrganisation("Projects Org");

        assertThat(errorFields(assertProblem(
                        api.post("/api/projects").json(Map.of("name", "x")).send(), 400)))
                .containsExactly("x-organisation-id");
        assertThat(errorFields(assertProblem(
                        api.post("/api/projects")
                                .organisation(organisation)
                                .json(Map.of("name", "", "website", "ftp://nope"))
                                .send(),
                        400)))
                .containsExactly("name", "website");
        assertProblem(
                api.post("/api/projects")
                        .organisation(UUID.randomUUID())
                        .json(Map.of("name", "x"))
                        .send(),
                403);
    }

    @Test
    void aProjectOfAnotherOrganisationIsNotFound() {
        UUID mine = createOrganisation("Mine");
        UUID theirs = createOrganisation("Theirs");
        UUID theirProject = createProject(theirs, "Their brand");

        JsonNode foreign = assertProblem(
                api.get("/api/projects/" + theirProject).organisation(mine).send(), 404);
        JsonNode missing = assertProblem(
                api.get("/api/projects/" + UUID.randomUUID()).organisation(mine).send(), 404);

        assertThat(foreign.get("title")).isEqualTo(missing.get("title"));
        assertThat(foreign.get("type")).isEqualTo(missing.get("type"));
    }
}
