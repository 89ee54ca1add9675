package io.cachedjobs.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The default limit, 1 MiB, on a body declared with Content-Length and on a chunked one. */
class RequestBodyLimitApiTest extends ApiTest {

    private static final int LIMIT = 1024 * 1024;

    @LocalServerPort
    int serverPort;

    RawHttp raw;

    @BeforeEach
    void raw() {
        raw = new RawHttp(serverPort);
    }

    /** An organisation create of exactly {@code size} bytes: the JSON, padded with spaces. */
    private static byte[] organisationBody(String name, int size) {
        byte[] json = ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[size];
        System.arraycopy(json, 0, body, 0, json.length);
        java.util.Arrays.fill(body, json.length, size, (byte) ' ');
        return body;
    }

    private RawHttp.Response post(byte[] body, boolean chunked) {
        String head = "POST /api/organisations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                + "\r\nAuthorization: Bearer " + Api.OPERATOR_TOKEN
                + (chunked ? "" : "\r\nContent-Length: " + body.length);
        return raw.send(head, body, chunked);
    }

    private int organisationsNamed(String name) {
        Integer count = jdbc.queryForObject("select count(*) from organisations where name = ?", Integer.class, name);
        return count == null ? 0 : count;
    }

    @Test
    void aBodyOneByteOverTheLimitIsRefusedWith413BeforeItIsRead() {
        String name = "Too large " + UUID.randomUUID();
        RawHttp.Response response = post(organisationBody(name, LIMIT + 1), false);

        assertTooLarge(response);
        assertThat(organisationsNamed(name)).isZero();
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() {
        String name = "Too large chunked " + UUID.randomUUID();
        RawHttp.Response response = post(organisationBody(name, LIMIT + 1), true);

        assertTooLarge(response);
        assertThat(organisationsNamed(name)).isZero();
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        String name = "At the limit " + UUID.randomUUID();
        RawHttp.Response response = post(organisationBody(name, LIMIT), false);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(organisationsNamed(name)).isOne();
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsAccepted() {
        String name = "At the limit chunked " + UUID.randomUUID();
        RawHttp.Response response = post(organisationBody(name, LIMIT), true);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(organisationsNamed(name)).isOne();
    }

    private static void assertTooLarge(RawHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:content-too-large");
        assertThat(problem.get("title").asString()).isEqualTo("Content Too Large");
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("detail").asString()).contains("1048576 bytes");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/organisations");
    }
}
