package io.cachedjobs.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.RunningApiTest;
import io.cachedjobs.support.Seed;
import io.cachedjobs.support.SimulatedEngines;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A trigger asking every provider key, run by the runner on the simulated engines (one local server
 * speaking every wire format, over real HTTP): every job ends completed, and each kind of engine's
 * executions hold what that engine gives, read through its adapter: an answer naming the brand or
 * its competitors, its sources, its usage, Perplexity's stated cost.
 */
@TestPropertySource(
        properties = {
            "cachedjobs.runner.workers=8",
            // No worker dies here: a lease of 20 s, so that a machine too busy to beat every 500 ms
            // (RunningApiTest's) does not make live executions look dead and send them again
            "cachedjobs.runner.heartbeat-interval=5s",
            // With busy engines an execution may be refused several times before it is answered
            "cachedjobs.runner.max-attempts=10"
        })
class EveryEngineRunnerApiTest extends RunningApiTest {

    /** The accounts of application.yml, every one pointed at the simulated engines. */
    private static final List<String> ACCOUNTS =
            List.of("openai", "anthropic", "google", "perplexity", "deepseek", "serpapi");

    private static final List<String> NAMES =
            List.of("Acme CRM", "HubSpot", "Salesforce", "Pipedrive", "Zoho CRM", "Freshsales");

    private static final SimulatedEngines ENGINES = SimulatedEngines.start(0, SimulatedEngines.DEFAULT_SEED, 0, 0, 20);

    @DynamicPropertySource
    static void engines(DynamicPropertyRegistry registry) {
        for (String account : ACCOUNTS) {
            registry.add("cachedjobs.engines.accounts." + account + ".base-url", ENGINES::baseUrl);
            registry.add("cachedjobs.engines.accounts." + account + ".api-key", () -> "simulated-engine-key");
            registry.add("cachedjobs.engines.accounts." + account + ".requests-per-minute", () -> "6000");
        }
    }

    @AfterAll
    static void stopEngines() {
        ENGINES.close();
    }

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Every engine");
        project = createProject(organisation, "Acme CRM");
        ENGINES.faultRate(0);
    }

    /** The provider keys the service offers: all fourteen of the seed. */
    private List<String> everyProviderKey() {
        List<String> keys = new ArrayList<>();
        api.get("/api/ai-providers")
                .organisation(organisation)
                .send()
                .json()
                .forEach(provider -> keys.add(provider.get("key").asString()));
        assertThat(keys).containsExactlyInAnyOrderElementsOf(Seed.PROVIDER_KEYS);
        return keys;
    }

    /** Triggers the project's queries with {@code keys}, {@code runs} times; answers the jobs once ended. */
    private List<JsonNode> triggerAndAwait(List<String> keys, int runs) {
        Api.Response triggered = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .json(Map.of("aiModels", keys, "executionCount", runs))
                .send();
        assertThat(triggered.status()).as(triggered.body()).isEqualTo(201);
        List<JsonNode> ended = new ArrayList<>();
        triggered
                .json()
                .forEach(job -> ended.add(
                        awaitEnded(organisation, project, job.get("id").asString())));
        return ended;
    }

    private List<JsonNode> executions(JsonNode job) {
        JsonNode page = api.get("/api/cached-jobs/" + job.get("id").asString() + "/executions?limit=100")
                .scope(organisation, project)
                .send()
                .json();
        List<JsonNode> executions = new ArrayList<>();
        page.get("results").forEach(executions::add);
        assertThat(executions).hasSize(job.get("totalExecutions").asInt());
        return executions;
    }

    /** The kind of engine a provider key is answered by: its wire format (SerpApi's two surfaces apart). */
    private static String kind(String providerKey) {
        if (providerKey.startsWith("openai")) {
            return "openai";
        }
        if (providerKey.startsWith("ai-overview")) {
            return "ai-overview";
        }
        if (providerKey.startsWith("ai-mode")) {
            return "ai-mode";
        }
        return providerKey;
    }

    @Test
    void everyKindOfEngineAnswersEveryExecutionWithTextSourcesUsageAndPerplexitysCost() {
        createQueries(
                organisation,
                project,
                "Which CRM do you recommend for small businesses?",
                "en",
                "US",
                "Quel CRM recommandez-vous pour une PME ?",
                "fr",
                "FR");

        List<JsonNode> jobs = triggerAndAwait(everyProviderKey(), 2);

        assertThat(jobs).hasSize(2).allSatisfy(job -> {
            assertThat(job.get("outcome").asString()).as(job.toString()).isEqualTo("completed");
            assertThat(job.get("totalExecutions").asInt()).isEqualTo(28);
            assertThat(job.get("successExecutions").asInt()).isEqualTo(28);
        });
        Map<String, List<JsonNode>> byKind = jobs.stream()
                .flatMap(job -> executions(job).stream())
                .collect(Collectors.groupingBy(
                        execution -> kind(execution.get("providerKey").asString()),
                        LinkedHashMap::new,
                        Collectors.toList()));
        assertThat(byKind.keySet())
                .containsExactlyInAnyOrder(
                        "openai",
                        "anthropic",
                        "google-generative-ai",
                        "perplexity",
                        "deepseek",
                        "ai-overview",
                        "ai-mode");

        byKind.forEach((kind, executions) -> {
            List<JsonNode> answered = executions.stream()
                    .filter(execution -> !execution.get("answer").isNull())
                    .toList();
            assertThat(answered).as(kind + " answers").isNotEmpty();
            // Varied: the runs of one question are not one answer repeated
            assertThat(answered.stream()
                            .map(execution -> execution.get("answer").asString())
                            .distinct())
                    .as(kind + " distinct answers")
                    .hasSizeGreaterThan(1);
            for (JsonNode execution : executions) {
                String described = kind + " " + execution;
                assertThat(execution.get("status").asString()).as(described).isEqualTo("success");
                assertThat(execution.get("attempt").asInt()).as(described).isEqualTo(1);
                JsonNode usage = execution.get("usage");
                if (execution.get("answer").isNull()) {
                    // A search that shows no AI Overview: an observation, not a failure
                    assertThat(kind).as(described).isEqualTo("ai-overview");
                    assertThat(execution.get("noAnswerReason").asString()).isEqualTo("no-ai-overview");
                    assertThat(execution.get("sources")).isEmpty();
                    assertThat(usage.get("searchCalls").asInt()).isEqualTo(1);
                    continue;
                }
                assertThat(execution.get("answer").asString())
                        .as(described)
                        .containsAnyOf(NAMES.toArray(String[]::new));
                assertThat(execution.get("noAnswerReason").isNull())
                        .as(described)
                        .isTrue();
                JsonNode sources = execution.get("sources");
                switch (kind) {
                    case "deepseek" -> {
                        assertThat(sources).as(described).isEmpty();
                        assertThat(usage.get("searchCalls").asInt()).isZero();
                    }
                    case "ai-overview", "ai-mode" -> {
                        assertThat(usage.get("searchCalls").asInt())
                                .as(described)
                                .isBetween(1, 2);
                        assertThat(usage.get("inputTokens").asLong()).isZero();
                    }
                    default -> {
                        assertThat(usage.get("searchCalls").asInt())
                                .as(described)
                                .isEqualTo(1);
                        assertThat(usage.get("inputTokens").asLong())
                                .as(described)
                                .isPositive();
                        assertThat(usage.get("outputTokens").asLong())
                                .as(described)
                                .isPositive();
                    }
                }
                if (!kind.equals("deepseek")) {
                    assertThat(sources).as(described).isNotEmpty();
                    assertThat(sources)
                            .anySatisfy(source ->
                                    assertThat(source.get("cited").asBoolean()).isTrue());
                    assertThat(sources)
                            .anySatisfy(source ->
                                    assertThat(source.get("cited").asBoolean()).isFalse());
                    assertThat(sources).allSatisfy(source -> {
                        assertThat(source.get("url").asString())
                                .startsWith("https://")
                                .doesNotContain("utm_");
                        assertThat(source.get("domain").asString()).isNotBlank();
                        if (source.get("cited").asBoolean()) {
                            // (OpenAI names the pages it only consulted without a title)
                            assertThat(source.get("title").asString()).isNotBlank();
                        }
                    });
                }
                if (kind.equals("google-generative-ai")) {
                    // Gemini's grounding links were followed to the pages they lead to
                    assertThat(sources).allSatisfy(source -> {
                        assertThat(source.get("redirectUrl").asString()).contains("/grounding-api-redirect/");
                        assertThat(source.get("url").asString()).doesNotContain("grounding-api-redirect");
                    });
                }
                if (kind.equals("perplexity")) {
                    assertThat(execution.get("costMicros").asLong())
                            .as(described)
                            .isEqualTo(statedCost(execution));
                    assertThat(execution.get("costMicros").asLong()).isBetween(5_000L, 6_000L);
                }
            }
        });
        // Six searches of each question (three AI Overview keys, two runs): one shows no AI Overview,
        // one loads it lazily, answered by its follow-up call
        assertThat(byKind.get("ai-overview"))
                .anySatisfy(execution ->
                        assertThat(execution.get("noAnswerReason").asString()).isEqualTo("no-ai-overview"))
                .anySatisfy(execution -> {
                    assertThat(execution.get("answer").asString()).isNotBlank();
                    assertThat(execution.at("/usage/searchCalls").asInt()).isEqualTo(2);
                });
        assertThat(byKind.values().stream()
                        .flatMap(List::stream)
                        .filter(execution -> !execution.get("answer").isNull()))
                .as("answers naming the brand")
                .anySatisfy(execution ->
                        assertThat(execution.get("answer").asString()).contains("Acme CRM"));
    }

    /** Perplexity's {@code usage.cost.total_cost} in the raw answer, in millionths of a dollar. */
    private long statedCost(JsonNode execution) {
        JsonNode raw = api.get("/api/job-executions/" + execution.get("id").asString() + "/raw")
                .scope(organisation, project)
                .send()
                .json();
        return Math.round(raw.at("/usage/cost/total_cost").asDouble() * 1_000_000);
    }

    @Test
    void withEnginesBusyNowAndThenEveryExecutionIsAnsweredAfterItsRetries() {
        createQueries(organisation, project, "Welches CRM empfehlen Sie für kleine Unternehmen?", "de", "DE");
        ENGINES.faultRate(0.3);
        long faultsBefore = ENGINES.faults();

        JsonNode job = triggerAndAwait(everyProviderKey(), 3).get(0);

        assertThat(job.get("outcome").asString()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("successExecutions").asInt()).isEqualTo(42);
        assertThat(ENGINES.faults() - faultsBefore).isPositive();
        List<JsonNode> executions = executions(job);
        assertThat(executions).allSatisfy(execution -> {
            assertThat(execution.get("status").asString()).isEqualTo("success");
            assertThat(execution.get("attempt").asInt()).isBetween(1, 10);
        });
        Set<String> retried = executions.stream()
                .filter(execution -> execution.get("attempt").asInt() > 1)
                .map(execution -> kind(execution.get("providerKey").asString()))
                .collect(Collectors.toSet());
        assertThat(retried)
                .as("kinds of engine whose executions were sent again")
                .isNotEmpty();
    }
}
