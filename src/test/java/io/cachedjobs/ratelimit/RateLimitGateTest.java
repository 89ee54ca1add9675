package io.cachedjobs.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.TestDatabaseConfiguration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a filter calling the gate leaves on the response. */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class RateLimitGateTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RateLimitGate configured;

    @Test
    void anAdmittedCallCarriesTheHeadersAndNothingElse() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        boolean admitted = configured.admit(UUID.randomUUID(), request(), response);

        assertThat(admitted).isTrue();
        assertThat(response.getHeader("X-RateLimit-Limit")).isEqualTo("20");
        assertThat(response.getHeader("X-RateLimit-Remaining")).isEqualTo("19");
        assertThat(response.getHeader("X-RateLimit-Reset")).isEqualTo("1");
        assertThat(response.getHeader("Retry-After")).isNull();
        assertThat(response.isCommitted()).isFalse();
        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    @Test
    void aRefusedCallIsAnswered429LikeEveryOtherProblem() throws Exception {
        RateLimitGate gate = gate(new RateLimitProperties(true, 0.001, 1, 10_000));
        UUID key = UUID.randomUUID();
        assertThat(gate.admit(key, request(), new MockHttpServletResponse())).isTrue();
        MockHttpServletResponse response = new MockHttpServletResponse();

        boolean admitted = gate.admit(key, request(), response);

        assertThat(admitted).isFalse();
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("X-RateLimit-Limit")).isEqualTo("1");
        assertThat(response.getHeader("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(response.getHeader("Retry-After"))).isBetween(990L, 1000L);
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:too-many-requests");
        assertThat(problem.get("title").asString()).isEqualTo("Too Many Requests");
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/projects");
        assertThat(problem.get("detail").asString())
                .isEqualTo("This API key has made more calls than its limits allow (0.001 per second, in bursts of"
                        + " up to 1, and 10000 per hour); nothing was done. Retry after Retry-After seconds.");
    }

    @Test
    void limitingOffAdmitsEveryCallAndStoresNothing() throws Exception {
        RateLimitGate gate = gate(new RateLimitProperties(false, 0.001, 1, 1));
        UUID key = UUID.randomUUID();

        for (int call = 0; call < 3; call++) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            assertThat(gate.admit(key, request(), response)).isTrue();
            assertThat(response.getHeaderNames()).isEmpty();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_buckets WHERE api_key_id = :key")
                        .param("key", key)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private RateLimitGate gate(RateLimitProperties limits) {
        return new RateLimitGate(new RateLimiter(jdbc, limits), limits);
    }

    private static MockHttpServletRequest request() {
        return new MockHttpServletRequest("GET", "/api/projects");
    }
}
