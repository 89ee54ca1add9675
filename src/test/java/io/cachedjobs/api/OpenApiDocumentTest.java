package io.cachedjobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.Seed;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiDocumentTest extends ApiTest {

    @Test
    void theTriggerIsDocumentedAsTheSeedDescribesIt() {
        JsonNode doc = api.get("/v3/api-docs").send().json();
        JsonNode trigger = doc.at("/paths/~1api~1cached-jobs~1trigger/post");

        assertThat(trigger.get("summary").asString())
                .isEqualTo("Create many cached jobs for all queries in a project.");
        List<String> headers = new ArrayList<>();
        trigger.get("parameters").forEach(parameter -> {
            assertThat(parameter.get("in").asString()).isEqualTo("header");
            // Idempotency-Key is the one optional header (see IdempotencyOpenApiTest).
            if (!parameter.get("name").asString().equals("Idempotency-Key")) {
                assertThat(parameter.get("required").asBoolean()).isTrue();
                headers.add(parameter.get("name").asString());
            }
        });
        assertThat(headers).containsExactly("x-organisation-id", "x-project-id");
        assertThat(trigger.at("/responses").propertyNames()).contains("201", "400", "404", "415", "500");
        assertThat(trigger.at("/responses/400/content").propertyNames()).containsExactly("application/problem+json");
        assertThat(trigger.at("/responses/201/content/application~1json/schema/items/$ref")
                        .asString())
                .endsWith("/CachedJob");

        JsonNode request = doc.at("/components/schemas/TriggerCachedJobs");
        assertThat(request.has("required")).isFalse();
        assertThat(request.at("/properties/executionCount/minimum").asInt()).isEqualTo(1);
        JsonNode keys = request.at("/properties/aiModels/items/enum");
        List<String> documented = new ArrayList<>();
        keys.forEach(key -> documented.add(key.asString()));
        assertThat(documented).containsExactlyElementsOf(Seed.PROVIDER_KEYS);

        JsonNode job = doc.at("/components/schemas/CachedJob/properties");
        assertThat(job.propertyNames()).containsExactlyInAnyOrderElementsOf(Seed.CACHED_JOB_ANSWER_FIELDS);
        assertThat(job.at("/status/enum").toString()).isEqualTo("[\"pending\",\"active\",\"ended\",\"inactive\"]");
        assertThat(job.at("/createdAt/format").asString()).isEqualTo("date-time");
        assertThat(doc.at("/components/schemas/Problem/properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance", "errors");
        // instance holds the request's path: a URI reference, not an absolute URI.
        assertThat(doc.at("/components/schemas/Problem/properties/instance/format")
                        .asString())
                .isEqualTo("uri-reference");
    }

    @Test
    void theTriggersExampleWorksAsShownAndNoIdempotencyKeyIsPrefilled() {
        UUID organisation = createOrganisation("Try it out");
        UUID project = createProject(organisation, "Brand");
        createQueries(organisation, project, "Which CRM?", "en", "US");
        JsonNode trigger = api.get("/v3/api-docs").send().json().at("/paths/~1api~1cached-jobs~1trigger/post");
        JsonNode examples = trigger.at("/requestBody/content/application~1json/examples");
        assertThat(examples.size()).isEqualTo(1);
        String example = examples.values().iterator().next().get("value").toString();

        Api.Response answer = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .body(example)
                .send();

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        trigger.get("parameters")
                .forEach(parameter -> assertThat(parameter.at("/schema/example").isMissingNode())
                        .as(parameter.get("name").asString())
                        .isTrue());
    }

    @Test
    void everyOperationDocumentsEachStatusItCanAnswerAsAProblem() {
        JsonNode doc = api.get("/v3/api-docs").send().json();
        List<String> checked = new ArrayList<>();

        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    String name = entry.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode operation = entry.getValue();
                    // 400 for a request that is no valid HTTP, 408, 413 and 415 for a body, sent to
                    // any call: Tomcat and the body filters refuse them before the call runs.
                    List<String> statuses = List.of("400", "401", "403", "406", "408", "413", "415", "500", "503");
                    for (String status : statuses) {
                        assertThat(operation
                                        .at("/responses/" + status + "/content/application~1problem+json/schema/$ref")
                                        .asString())
                                .as(name + " " + status)
                                .endsWith("/Problem");
                    }
                    checked.add(name);
                }));

        assertThat(checked).hasSizeGreaterThan(25);
    }

    @Test
    void eachProblemExampleHasTheStatusOfItsAnswer() {
        JsonNode doc = api.get("/v3/api-docs").send().json();
        List<String> checked = new ArrayList<>();

        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(entry -> entry.getValue()
                                .get("responses")
                                .properties()
                                .forEach(response -> {
                                    JsonNode problem = response.getValue().at("/content/application~1problem+json");
                                    if (problem.isMissingNode()) {
                                        return;
                                    }
                                    String name = entry.getKey() + " " + path.getKey() + " " + response.getKey();
                                    assertThat(problem.at("/example/status").asInt())
                                            .as(name)
                                            .isEqualTo(Integer.parseInt(response.getKey()));
                                    assertThat(problem.at("/example/type").asString())
                                            .as(name)
                                            .startsWith("urn:cached-jobs:problem:");
                                    checked.add(name);
                                })));

        assertThat(checked).hasSizeGreaterThan(200);
        assertThat(doc.at("/paths/~1api~1tags/post/responses/409/content/application~1problem+json/example/type")
                        .asString())
                .endsWith(":conflict");
        assertThat(doc.at("/paths/~1api~1api-keys/get/responses/401/content/application~1problem+json/example/type")
                        .asString())
                .endsWith(":unauthenticated");
    }

    @Test
    void operationIdsAreReadableAndUnique() {
        JsonNode doc = api.get("/v3/api-docs").send().json();
        List<String> ids = new ArrayList<>();
        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .values()
                        .forEach(operation ->
                                ids.add(operation.get("operationId").asString())));

        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z]+[A-Z][A-Za-z]*"), "verb and feature");
        assertThat(ids)
                .contains(
                        "createProject",
                        "listQueries",
                        "createQueries",
                        "triggerCachedJobs",
                        "createCachedJobs",
                        "getTag",
                        "revokeApiKey",
                        "listAiProviders",
                        "createOrganisation");
    }

    @Test
    void successAnswersAreJson() {
        JsonNode doc = api.get("/v3/api-docs").send().json();
        doc.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(entry -> entry.getValue()
                                .get("responses")
                                .properties()
                                .forEach(response -> {
                                    if (response.getKey().startsWith("2")
                                            && response.getValue().has("content")) {
                                        // The export alone streams NDJSON, one JSON object a line.
                                        String type = path.getKey().equals("/api/results/export")
                                                ? "application/x-ndjson"
                                                : "application/json";
                                        assertThat(response.getValue()
                                                        .get("content")
                                                        .propertyNames())
                                                .as(entry.getKey() + " " + path.getKey())
                                                .containsExactly(type);
                                    }
                                })));
    }

    @Test
    void fieldsThatMayBeNullAreTypedSo() {
        JsonNode schemas = api.get("/v3/api-docs").send().json().at("/components/schemas");
        for (String field : List.of(
                "PageInfo/properties/nextPage",
                "PageInfo/properties/prevPage",
                "Project/properties/website",
                "Project/properties/industry",
                "Project/properties/description",
                "Project/properties/nextRunAt",
                "EngineAccountStatus/properties/pausedUntil",
                "Project/properties/lastRunAt",
                "ApiKey/properties/expiresAt",
                "ApiKey/properties/revokedAt",
                "ApiKey/properties/lastUsedAt")) {
            assertThat(schemas.at("/" + field + "/type").toString()).as(field).contains("\"null\"");
        }
        assertThat(schemas.at("/Project/properties/name/type").toString()).isEqualTo("\"string\"");
    }

    @Test
    void requestConstraintsAreTheServicesInSyntaxJavaScriptReads() {
        JsonNode schemas = api.get("/v3/api-docs").send().json().at("/components/schemas");

        assertThat(schemas.at("/CreateQueries/properties/queries/minItems").asInt())
                .isEqualTo(1);
        assertThat(schemas.at("/CreateCachedJobs/properties/cachedJobs/minItems")
                        .asInt())
                .isEqualTo(1);
        for (String required : List.of(
                "CreateProject/properties/name",
                "CreateOrganisation/properties/name",
                "CreateTag/properties/name",
                "CreateQuery/properties/query",
                "CreateApiKey/properties/name")) {
            assertThat(schemas.at("/" + required + "/minLength").asInt())
                    .as(required)
                    .isEqualTo(1);
            assertThat(schemas.at("/" + required + "/pattern").asString())
                    .as(required)
                    .contains("\\S");
        }
        assertThat(schemas.at("/CreateProject/properties/website/pattern").asString())
                .isEqualTo("^https?://\\S+$");
        List<String> patterns = new ArrayList<>();
        schemas.findValues("pattern").forEach(pattern -> patterns.add(pattern.asString()));
        assertThat(patterns)
                .isNotEmpty()
                .allSatisfy(pattern -> assertThat(pattern)
                        .startsWith("^")
                        .endsWith("$")
                        // inline flags, and possessive quantifiers, are Java's only
                        .doesNotContain("(?s)", "(?i)", "*+", "++", "?+", "\\A", "\\z", "\\Z"));
    }

    @Test
    void sizesAreBoundedOnlyByRealLimits() {
        JsonNode doc = api.get("/v3/api-docs").send().json();
        JsonNode schemas = doc.at("/components/schemas");

        List<Integer> bounds = new ArrayList<>();
        doc.findValues("maxItems").forEach(bound -> bounds.add(bound.asInt()));
        doc.findValues("maxLength").forEach(bound -> bounds.add(bound.asInt()));
        assertThat(bounds).isNotEmpty().doesNotContain(Integer.MAX_VALUE);
        // @Size(min = 1) alone: at least one, and no bound but the body size.
        assertThat(schemas.at("/TriggerCachedJobs/properties/queryIds/minItems").asInt())
                .isEqualTo(1);
        assertThat(schemas.at("/TriggerCachedJobs/properties/queryIds/maxItems").isMissingNode())
                .isTrue();
        assertThat(schemas.at("/CreateQueries/properties/queries/maxItems").asInt())
                .isEqualTo(1000);
        assertThat(schemas.at("/CreateCachedJobs/properties/cachedJobs/maxItems")
                        .asInt())
                .isEqualTo(1000);
    }

    @Test
    void headersAreDocumentedOnTheAnswersThatCarryThem() {
        JsonNode doc = api.get("/v3/api-docs").send().json();
        JsonNode list = doc.at("/paths/~1api~1projects~1list/get/responses");

        // Required, so the answers' check fails a 503 or 429 without it.
        assertThat(list.at("/503/headers/Retry-After/required").asBoolean()).isTrue();
        assertThat(list.at("/429/headers/Retry-After/required").asBoolean()).isTrue();
        assertThat(list.at("/200/headers").propertyNames()).contains("X-RateLimit-Limit");
        assertThat(list.at("/401/headers").isMissingNode()).isTrue();

        UUID organisation = createOrganisation("Headers");
        Api.Response counted =
                api.get("/api/projects/list").organisation(organisation).send();
        Api.Response unknownKey = api.get("/api/projects/list")
                .organisation(organisation)
                .key("cj_live_" + "A".repeat(43))
                .send();
        assertThat(counted.header("X-RateLimit-Limit")).isNotNull();
        assertProblem(unknownKey, 401);
        assertThat(unknownKey.header("X-RateLimit-Limit")).isNull();
    }

    @Test
    void swaggerUiIsServed() {
        assertThat(api.get("/swagger-ui.html").send().status()).isIn(200, 302);
        assertThat(api.get("/swagger-ui/index.html").send().status()).isEqualTo(200);
    }
}
