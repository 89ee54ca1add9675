package io.cachedjobs.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProjectDocumentTest extends ApiTest {

    @Test
    void theProjectAndOrganisationCallsAreDocumented() {
        JsonNode doc = api.get("/v3/api-docs").send().json();

        JsonNode list = doc.at("/paths/~1api~1projects~1list/get");
        assertThat(parameters(list)).containsExactly("x-organisation-id", "limit", "page");
        assertThat(list.at("/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .endsWith("/PageResponseProject");
        assertThat(parameters(doc.at("/paths/~1api~1organisations/get")))
                .containsExactly("x-organisation-id", "limit", "page");
        assertThat(doc.at("/paths/~1api~1organisations/get/parameters/1/schema/maximum")
                        .asInt())
                .isEqualTo(100);

        JsonNode byId = doc.at("/paths/~1api~1projects~1{id}");
        assertThat(byId.propertyNames()).contains("get", "patch", "delete");
        assertThat(byId.at("/patch/summary").asString()).isNotBlank();
        assertThat(byId.at("/patch/requestBody/content/application~1json/schema/$ref")
                        .asString())
                .endsWith("/UpdateProject");
        assertThat(byId.at("/patch/responses").propertyNames()).contains("200", "400", "404");
        assertThat(byId.at("/delete/responses").propertyNames()).contains("204", "404");

        JsonNode project = doc.at("/components/schemas/Project/properties");
        assertThat(project.at("/recurrenceStatus/enum").toString()).isEqualTo("[\"active\",\"paused\"]");
        assertThat(project.at("/nextRunAt/type").toString()).contains("null");
        assertThat(project.at("/llmProviders/items/enum")).hasSize(14);

        JsonNode update = doc.at("/components/schemas/UpdateProject");
        assertThat(update.has("required")).isFalse();
        assertThat(update.at("/properties/executionCount/type").asString()).isEqualTo("integer");
        assertThat(update.at("/properties/executionCount/maximum").asInt()).isEqualTo(100);
        JsonNode create = doc.at("/components/schemas/CreateProject");
        assertThat(create.at("/required").toString()).isEqualTo("[\"name\"]");
        assertThat(create.at("/properties/recurrence/default").asString()).isEqualTo("manual");
        assertThat(create.at("/properties/recurrenceTimezone/default").asString())
                .isEqualTo("UTC");
    }

    private static List<String> parameters(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation
                .get("parameters")
                .forEach(parameter -> names.add(parameter.get("name").asString()));
        return names;
    }
}
