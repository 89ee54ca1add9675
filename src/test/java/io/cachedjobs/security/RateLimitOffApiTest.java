package io.cachedjobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With rate limiting off, keys still work; nothing is counted, and no limit header is sent. */
@TestPropertySource(properties = "cachedjobs.rate-limit.enabled=false")
class RateLimitOffApiTest extends ApiTest {

    @Test
    void keysWorkAndNothingIsCounted() {
        UUID organisation = createOrganisation("Unlimited");
        for (int i = 0; i < 3; i++) {
            Api.Response response = api.get("/api/organisations/" + organisation)
                    .organisation(organisation)
                    .send();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Remaining")).isNull();
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from rate_limit_buckets b join api_keys k on k.id = b.api_key_id "
                                + "where k.organisation_id = ?",
                        Integer.class,
                        organisation))
                .isZero();
        assertThat(api.get("/api/organisations/" + organisation)
                        .organisation(organisation)
                        .key("cj_live_" + "B".repeat(43))
                        .send()
                        .status())
                .isEqualTo(401);
    }
}
