package io.cachedjobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Requests the randomized bad-input test found answered with a 500, or answered an error after writing. */
class RefusedBeforeWritingApiTest extends ApiTest {

    private int organisationsNamed(String name) {
        Integer count = jdbc.queryForObject("select count(*) from organisations where name = ?", Integer.class, name);
        return count == null ? 0 : count;
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html", "image/png, text/plain", "garbage", "application/json;q=x"})
    void aCreateWhoseAcceptRulesOutJsonIs406AndWritesNothing(String accept) {
        String name = "Not acceptable " + UUID.randomUUID();
        Api.Response response = api.post("/api/organisations")
                .operator()
                .header("Accept", accept)
                .body("{\"name\":\"" + name + "\"}")
                .send();

        JsonNode problem = assertProblem(response, 406);
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:not-acceptable");
        assertThat(organisationsNamed(name)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "multipart/form-data", "multipart/form-data; boundary=x"})
    void aBodyOfAWildcardOrMultipartTypeIs415(String contentType) {
        String name = "Unsupported " + UUID.randomUUID();
        Api.Response response = api.post("/api/organisations")
                .operator()
                .contentType(contentType)
                .body("{\"name\":\"" + name + "\"}")
                .send();

        JsonNode problem = assertProblem(response, 415);
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:unsupported-media-type");
        assertThat(organisationsNamed(name)).isZero();
    }

    @Test
    void aQueryStringThatIsNotUtf8Is400() {
        UUID organisation = createOrganisation("Paging Org");
        Api.Response response = api.get("/api/projects/list?limit=%C3%28")
                .organisation(organisation)
                .send();

        JsonNode problem = assertProblem(response, 400);
        assertThat(errorFields(problem)).containsExactly("parameters");
    }
}
