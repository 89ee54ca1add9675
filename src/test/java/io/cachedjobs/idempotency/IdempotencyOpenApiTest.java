package io.cachedjobs.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.api.Idempotent;
import io.cachedjobs.support.ApiTest;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

class IdempotencyOpenApiTest extends ApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvc;

    /** The paths of the routes declared {@link Idempotent}, as the running service maps them. */
    private Set<String> idempotentPaths() {
        Set<String> paths = new TreeSet<>();
        mvc.getHandlerMethods().forEach((route, handler) -> {
            if (handler.hasMethodAnnotation(Idempotent.class)) {
                // The document writes {id:regex} as {id}.
                route.getPathPatternsCondition().getPatternValues().stream()
                        .map(pattern -> pattern.replaceAll("\\{(\\w+):[^/]*}", "{$1}"))
                        .forEach(paths::add);
            }
        });
        return paths;
    }

    @Test
    void everyCoveredCreatingCallDocumentsTheKeyTheReplayHeaderAndItsProblems() {
        JsonNode doc = api.get("/v3/api-docs").send().json();

        assertThat(idempotentPaths()).hasSize(7).allSatisfy(path -> {
            JsonNode post = doc.path("paths").path(path).path("post");
            assertThat(post.isMissingNode()).as(path + " is an operation").isFalse();
            JsonNode key = null;
            for (JsonNode parameter : post.path("parameters")) {
                if (parameter.get("name").asString().equals("Idempotency-Key")) {
                    key = parameter;
                }
            }
            assertThat(key).as(path).isNotNull();
            assertThat(key.get("in").asString()).isEqualTo("header");
            assertThat(key.path("required").asBoolean(false)).isFalse();
            assertThat(key.at("/schema/maxLength").asInt()).isEqualTo(255);
            // The success answer (201 for each of these creating calls) says it may be a replay.
            String success = post.path("responses").propertyNames().stream()
                    .filter(status -> status.startsWith("2"))
                    .findFirst()
                    .orElseThrow();
            assertThat(post.at("/responses/" + success + "/headers/Idempotent-Replayed")
                            .isMissingNode())
                    .as(path)
                    .isFalse();
            for (String status : new String[] {"409", "413", "422"}) {
                assertThat(post.at("/responses/" + status + "/content/application~1problem+json/schema/$ref")
                                .asString())
                        .as(path + " " + status)
                        .endsWith("/Problem");
            }
            assertThat(post.at("/responses/409/description").asString()).contains("idempotency-in-progress");
            assertThat(post.at("/responses/422/description").asString()).contains("idempotency-mismatch");
        });

        JsonNode patch = doc.at("/paths/~1api~1tags~1{id}/patch");
        assertThat(patch.path("parameters").toString()).doesNotContain("Idempotency-Key");
    }
}
