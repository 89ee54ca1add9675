package io.cachedjobs.cachedjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@TestPropertySource(properties = "cachedjobs.jobs.max-execution-count=5")
class ExecutionCountLimitTest extends ApiTest {

    @Test
    void theMaximumExecutionCountIsConfigurable() {
        UUID organisation = createOrganisation("Limits");
        UUID project = createProject(organisation, "Brand");
        createQueries(organisation, project, "q", "en", "US");
        String body = "{\"aiModels\":[\"openai\"],\"executionCount\":%d}";

        assertThat(api.post("/api/cached-jobs/trigger")
                        .scope(organisation, project)
                        .body(body.formatted(5))
                        .send()
                        .status())
                .isEqualTo(201);
        JsonNode problem = assertProblem(
                api.post("/api/cached-jobs/trigger")
                        .scope(organisation, project)
                        .body(body.formatted(6))
                        .send(),
                400);
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("must be between 1 and 5");
    }

    @Test
    void theOpenApiDocumentShowsTheConfiguredMaximumOnEveryExecutionCount() {
        JsonNode schemas = api.get("/v3/api-docs").send().json().at("/components/schemas");
        List<String> documented = new ArrayList<>();
        schemas.properties().forEach(schema -> {
            JsonNode count = schema.getValue().at("/properties/executionCount");
            if (!count.isMissingNode()) {
                documented.add(schema.getKey());
                assertThat(count.at("/maximum").asInt()).as(schema.getKey()).isEqualTo(5);
            }
        });
        assertThat(documented).contains("TriggerCachedJobs", "CreateProject", "UpdateProject");
    }
}
