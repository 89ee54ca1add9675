package io.cachedjobs.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Project calls that must succeed, for tests about what they answer. */
abstract class ProjectCalls extends ApiTest {

    JsonNode create(UUID organisation, Map<String, ?> body) {
        return expect(
                api.post("/api/projects").organisation(organisation).json(body).send(), 201);
    }

    JsonNode get(UUID organisation, String id) {
        return expect(api.get("/api/projects/" + id).organisation(organisation).send(), 200);
    }

    JsonNode patch(UUID organisation, String id, Map<String, ?> body) {
        return expect(
                api.method("PATCH", "/api/projects/" + id)
                        .organisation(organisation)
                        .json(body)
                        .send(),
                200);
    }

    private static JsonNode expect(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json();
    }
}
