package io.cachedjobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.CachedJobsApplication;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.TestDatabaseConfiguration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service on one database share each key's limits: calls spread over both
 * run out of the one bucket. The limits refill a token per 1000 seconds, so nothing refills while
 * the test runs, however slow the machine.
 */
class RateLimitAcrossInstancesApiTest {

    private static final int BURST = 5;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() {
        first = instance();
        second = instance();
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    private static ConfigurableApplicationContext instance() {
        return new SpringApplicationBuilder(CachedJobsApplication.class, TestDatabaseConfiguration.class)
                .run(
                        "--server.port=0",
                        "--management.server.port=0",
                        "--cachedjobs.rate-limit.per-second=0.001",
                        "--cachedjobs.rate-limit.burst=" + BURST,
                        "--cachedjobs.rate-limit.per-hour=1000");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void callsSpreadOverTwoInstancesRunOutOfOneBucket() {
        Api a = api(first);
        Api b = api(second);
        UUID organisation = a.createOrganisation("Limited");
        b.remember(organisation, a.keyOf(organisation));

        List<Api> order = List.of(a, b, a, b, a);
        for (int i = 0; i < BURST; i++) {
            Api.Response allowed = order.get(i)
                    .get("/api/organisations/" + organisation)
                    .organisation(organisation)
                    .send();
            assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
            assertThat(allowed.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(BURST));
            assertThat(allowed.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - 1 - i));
            assertThat(Long.parseLong(allowed.header("X-RateLimit-Reset"))).isPositive();
        }

        // Counted before anything else: a call naming another organisation is refused for the limit too.
        for (UUID named : List.of(organisation, UUID.randomUUID())) {
            Api.Response refused = (named == organisation ? b : a)
                    .get("/api/organisations/" + organisation)
                    .organisation(named)
                    .key(a.keyOf(organisation))
                    .send();
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            JsonNode problem = refused.json();
            assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:too-many-requests");
            assertThat(problem.get("status").asInt()).isEqualTo(429);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1000L);
            assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        }

        // Another key of the organisation has buckets of its own.
        UUID other = a.createOrganisation("Unlimited yet");
        assertThat(b.get("/api/organisations/" + other)
                        .organisation(other)
                        .key(a.keyOf(other))
                        .send()
                        .status())
                .isEqualTo(200);
    }
}
