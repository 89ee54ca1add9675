package io.cachedjobs.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What Tomcat refuses itself, and the error page, answer problems too, never HTML or Boot's JSON. */
class ErrorsOutsideMvcApiTest extends ApiTest {

    @LocalServerPort
    int serverPort;

    RawHttp raw;

    @BeforeEach
    void raw() {
        raw = new RawHttp(serverPort);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/organisations/a|b HTTP/1.1\r\nHost: localhost",
                "GET /api/organisations/%zz HTTP/1.1\r\nHost: localhost",
                "GET /api/organisations/%00 HTTP/1.1\r\nHost: localhost",
                "GET /api/../../etc/passwd HTTP/1.1\r\nHost: localhost",
                "GET /api/organisations/{x} HTTP/1.1\r\nHost: localhost",
                "GET /api/organisations HTTP/1.1\r\nHost: localhost\r\nBad Header: x",
                "GET /api/organisations HTTP/1.1\r\nHost: localhost\r\nx-organisation-id: a\u0001b",
                "POST /api/organisations HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3",
                "POST /api/organisations HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1",
                "GET /api/organisations HTTP/1.1",
            })
    void aRequestTomcatRefusesIsAnsweredWithA400Problem(String head) {
        RawHttp.Response response = raw.send(head, null, false);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode problem = assertRawProblem(response, 400);
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:bad-request");
    }

    @Test
    void aHeaderLargerThanTomcatAcceptsIsAProblem() {
        RawHttp.Response response = raw.send(
                "GET /api/organisations HTTP/1.1\r\nHost: localhost\r\nx-big: " + "a".repeat(20_000), null, false);

        assertThat(response.status()).isBetween(400, 499);
        assertRawProblem(response, response.status());
    }

    @Test
    void theErrorPathItselfIsNoEndpoint() {
        Api.Response response = api.get("/error").header("Accept", "text/html").send();

        JsonNode problem = assertProblem(response, 404);
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:no-endpoint");
    }

    private static JsonNode assertRawProblem(RawHttp.Response response, int status) {
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.has("instance")).isTrue();
        assertThat(response.body()).doesNotContain("Exception", "java.", "Tomcat", "<html");
        return problem;
    }
}
