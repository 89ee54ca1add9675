package io.cachedjobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Without CACHEDJOBS_ADMIN_TOKEN, organisation creation and the operator's endpoints are off. */
@TestPropertySource(properties = "cachedjobs.admin.token=")
class OperatorTokenOffApiTest extends ApiTest {

    @Test
    void organisationCreationIsOffWhateverIsSent() {
        for (Api.Request request : new Api.Request[] {
            api.post("/api/organisations").withoutKey(),
            api.post("/api/organisations").operator()
        }) {
            Api.Response response = request.json(Map.of("name", "Nobody's")).send();
            assertThat(assertProblem(response, 403).get("detail").asString()).contains("CACHEDJOBS_ADMIN_TOKEN");
        }
        assertProblem(management.get("/actuator/info").operator().send(), 403);
        assertThat(jdbc.queryForObject("select count(*) from organisations where name = 'Nobody''s'", Integer.class))
                .isZero();
    }
}
