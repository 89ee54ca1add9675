package io.cachedjobs.cachedjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CachedJobMetricsApiTest extends ApiTest {

    @Test
    void triggersListsAndThePoolAreMeasuredAtThePrometheusEndpoint() {
        UUID organisation = createOrganisation("Metrics Org");
        UUID project = createProject(organisation, "Measured");
        createQueries(organisation, project, "metrics one", "en", "US", "metrics two", "fr", "FR");
        double triggersBefore = sample(scrape(), "cachedjobs_trigger_seconds_count");
        double jobsBefore = sample(scrape(), "cachedjobs_trigger_jobs_sum");
        double listsBefore = sample(scrape(), "cachedjobs_list_seconds_count");

        Api.Response trigger = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .body("{\"aiModels\":[\"openai\"],\"executionCount\":1}")
                .send();
        assertThat(trigger.status()).as(trigger.body()).isEqualTo(201);
        assertThat(api.post("/api/cached-jobs/list")
                        .scope(organisation, project)
                        .body("{\"status\":[\"pending\"]}")
                        .send()
                        .status())
                .isEqualTo(200);

        String metrics = scrape();
        assertThat(sample(metrics, "cachedjobs_trigger_seconds_count")).isEqualTo(triggersBefore + 1);
        assertThat(sample(metrics, "cachedjobs_trigger_seconds_sum")).isPositive();
        assertThat(sample(metrics, "cachedjobs_trigger_jobs_sum")).isEqualTo(jobsBefore + 2);
        assertThat(sample(metrics, "cachedjobs_list_seconds_count")).isEqualTo(listsBefore + 1);
        assertThat(metrics).contains("hikaricp_connections_active", "hikaricp_connections_pending");
    }

    private String scrape() {
        Api.Response response =
                management.get("/actuator/prometheus").operator().send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The value of an untagged sample; 0 while the meter has not appeared yet. */
    private static double sample(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
