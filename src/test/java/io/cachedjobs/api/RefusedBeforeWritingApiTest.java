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
    @ValueSource(
            strings = {
                "application/xml",
                "text/html",
                "image/png, text/plain",
                "garbage",
                "application/json;q=x",
                "application/json;q=0",
                "*/*, application/json;q=0"
            })
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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/yaml",
                "application/x-yaml",
                "text/yaml",
                "application/xml",
                "text/xml",
                "application/cbor",
                "application/x-jackson-smile",
                "application/x-www-form-urlencoded",
                "text/plain",
                "application/json; charset=ISO-8859-1",
                "application/json; charset=UTF-16",
                "application/json; charset=no-such-charset"
            })
    void aBodyThatIsNotJsonInUtf8Is415NamingContentTypeAndWritesNothing(String contentType) {
        String name = "Not JSON " + UUID.randomUUID();
        Api.Response response = api.post("/api/organisations")
                .operator()
                .contentType(contentType)
                .body(contentType.contains("yaml") ? "name: " + name : "{\"name\":\"" + name + "\"}")
                .send();

        JsonNode problem = assertProblem(response, 415);
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:unsupported-media-type");
        assertThat(errorFields(problem)).containsExactly("Content-Type");
        assertThat(problem.at("/errors/0/message").asString())
                .contains("application/json")
                .contains("UTF-8");
        assertThat(organisationsNamed(name)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/merge-patch+json"})
    void jsonInUtf8IsRead(String contentType) {
        String name = "JSON " + UUID.randomUUID();
        Api.Response response = api.post("/api/organisations")
                .operator()
                .contentType(contentType)
                .body("{\"name\":\"" + name + "\"}")
                .send();

        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "deflate", "br"})
    void aCompressedBodyIs415NamingContentEncoding(String encoding) {
        String name = "Compressed " + UUID.randomUUID();
        Api.Response response = api.post("/api/organisations")
                .operator()
                .header("Content-Encoding", encoding)
                .body("{\"name\":\"" + name + "\"}")
                .send();

        JsonNode problem = assertProblem(response, 415);
        assertThat(errorFields(problem)).containsExactly("Content-Encoding");
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
