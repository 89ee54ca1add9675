package io.cachedjobs.cachedjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.ApiTest;
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
}
