package io.cachedjobs.analysis;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.EngineFixtures;
import io.cachedjobs.support.RunningApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The runner on, on a stub Anthropic engine: the answers it records are analysed as they are
 * recorded, and an alias changed afterwards has the runner's scheduler derive them again, with the new
 * version, without asking the engine again.
 */
@TestPropertySource(
        properties = {
            "cachedjobs.engines.accounts.anthropic.api-key=test-anthropic-key",
            "cachedjobs.analysis.derive-interval=200ms"
        })
class ExtractionRunnerApiTest extends RunningApiTest {

    static final WireMockServer ENGINE = new WireMockServer(options().dynamicPort());

    @DynamicPropertySource
    static void engine(DynamicPropertyRegistry registry) {
        if (!ENGINE.isRunning()) {
            ENGINE.start();
        }
        registry.add("cachedjobs.engines.accounts.anthropic.base-url", ENGINE::baseUrl);
    }

    @AfterAll
    static void stopEngine() {
        ENGINE.stop();
    }

    @Test
    void answersAreAnalysedAsTheRunnerRecordsThemAndDerivedAgainWithoutTheEngineAfterAnAliasChange() {
        ENGINE.stubFor(post("/v1/messages").willReturn(okJson(EngineFixtures.fixture("anthropic/answer.json"))));
        UUID organisation = createOrganisation("Runner Analysis");
        UUID project = createProject(organisation, "Acme");
        String hubspot = entity(organisation, project, Map.of("name", "HubSpot", "domains", List.of("hubspot.fr")));
        String zoho = entity(organisation, project, Map.of("name", "Zoho"));
        createQueries(organisation, project, "meilleur crm", "fr", "FR");
        String job = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .json(Map.of("aiModels", List.of("anthropic"), "executionCount", 2))
                .send()
                .json()
                .at("/0/id")
                .asString();

        awaitEnded(organisation, project, job);

        // "HubSpot CRM" then "Zoho CRM"; hubspot.fr is a cited source.
        assertThat(jdbc.queryForList(
                        "select rank || ' ' || cited from answer_entities where entity_id = ?::uuid",
                        String.class,
                        hubspot))
                .containsExactly("1 true", "1 true");
        assertThat(jdbc.queryForList(
                        "select rank || ' ' || mention_count from answer_entities where entity_id = ?::uuid",
                        String.class,
                        zoho))
                .containsExactly("2 1", "2 1");
        int calls = ENGINE.countRequestsMatching(
                        postRequestedFor(urlEqualTo("/v1/messages")).build())
                .getCount();
        assertThat(calls).isEqualTo(2);

        long version = api.method("PATCH", "/api/entities/" + zoho)
                .scope(organisation, project)
                .json(Map.of("aliases", List.of("Pipedrive")))
                .send()
                .json()
                .get("entitiesVersion")
                .asLong();
        JsonNode status = awaitUpToDate(organisation, project, version);

        assertThat(status.get("answers").asInt()).isEqualTo(2);
        // "Pipedrive" comes before "Zoho CRM" and is Zoho's now: a second mention, and an earlier first one.
        assertThat(jdbc.queryForList(
                        "select rank || ' ' || mention_count || ' ' || entities_version from answer_entities"
                                + " where entity_id = ?::uuid",
                        String.class,
                        zoho))
                .containsExactly("2 2 " + version, "2 2 " + version);
        assertThat(ENGINE.countRequestsMatching(
                                postRequestedFor(urlEqualTo("/v1/messages")).build())
                        .getCount())
                .isEqualTo(calls);
    }

    private String entity(UUID organisation, UUID project, Map<String, ?> body) {
        Api.Response response = api.post("/api/entities")
                .scope(organisation, project)
                .json(body)
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private JsonNode awaitUpToDate(UUID organisation, UUID project, long version) {
        long until = System.nanoTime() + ENDS_WITHIN.toNanos();
        JsonNode status;
        do {
            status = api.get("/api/analysis/status")
                    .scope(organisation, project)
                    .send()
                    .json();
            if (status.get("upToDate").asBoolean()
                    && status.get("entitiesVersion").asLong() >= version) {
                return status;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        } while (System.nanoTime() < until);
        throw new AssertionError("not derived again in " + ENDS_WITHIN.toSeconds() + " s: " + status);
    }
}
