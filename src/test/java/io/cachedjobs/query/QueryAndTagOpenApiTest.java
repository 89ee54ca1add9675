package io.cachedjobs.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QueryAndTagOpenApiTest extends ApiTest {

    private static List<String> parameters(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation
                .get("parameters")
                .forEach(parameter -> names.add(parameter.get("name").asString()));
        return names;
    }

    @Test
    void listsDocumentTheirPagingLimitsAndBodies() {
        JsonNode doc = api.get("/v3/api-docs").send().json();
        JsonNode queries = doc.at("/paths/~1api~1queries~1list/post");
        JsonNode tags = doc.at("/paths/~1api~1tags/get");

        assertThat(parameters(queries)).containsExactlyInAnyOrder("x-organisation-id", "x-project-id", "limit", "page");
        assertThat(queries.at("/parameters").toString()).contains("\"maximum\":500");
        assertThat(queries.at("/requestBody/required").asBoolean(false)).isFalse();
        assertThat(queries.at("/responses/200/content/application~1json/schema/$ref")
                        .asString())
                .contains("PageResponse");
        assertThat(parameters(tags)).containsExactlyInAnyOrder("x-organisation-id", "x-project-id", "limit", "page");
        assertThat(tags.at("/parameters").toString()).contains("\"maximum\":100");
        assertThat(doc.at("/components/schemas/ListQueries/properties").propertyNames())
                .containsExactlyInAnyOrder("query", "languages", "countries", "tagIds", "tagNames", "sort");
        assertThat(doc.at("/components/schemas/ListQueries/properties/languages/items")
                        .toString())
                .isEqualTo("{\"type\":\"string\",\"example\":\"en\"}");
        assertThat(doc.at("/components/schemas/ListQueries/properties/tagIds/items/type")
                        .asString())
                .isEqualTo("integer");
    }

    @Test
    void writesDocumentTheirConflictsAndExamples() {
        JsonNode doc = api.get("/v3/api-docs").send().json();

        assertThat(doc.at("/paths/~1api~1queries/post/responses").propertyNames())
                .contains("201", "400", "404", "409");
        assertThat(doc.at("/paths/~1api~1queries~1many/post/responses").propertyNames())
                .contains("409");
        assertThat(doc.at("/paths/~1api~1queries~1{id}/patch/responses").propertyNames())
                .contains("200", "409");
        assertThat(doc.at("/paths/~1api~1queries~1{id}/delete/responses").propertyNames())
                .contains("204", "404");
        assertThat(doc.at("/paths/~1api~1tags/post/responses").propertyNames()).contains("201", "409");
        assertThat(doc.at("/paths/~1api~1tags~1{id}/patch/responses").propertyNames())
                .contains("200", "409");
        assertThat(doc.at("/paths/~1api~1tags~1{id}/delete/responses").propertyNames())
                .contains("204", "404");
        assertThat(doc.at("/components/schemas/Tag/properties/id/example").asInt())
                .isEqualTo(42);
        assertThat(doc.at("/components/schemas/CreateTag/properties/color/example")
                        .asString())
                .isEqualTo("#FF5733");
        assertThat(doc.at("/components/schemas/UpdateQuery/properties").propertyNames())
                .containsExactlyInAnyOrder("query", "language", "country", "tagIds");
        assertThat(doc.at("/components/schemas/Query/properties/tags/items/$ref")
                        .asString())
                .endsWith("/QueryTag");
    }
}
