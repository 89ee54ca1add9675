package io.cachedjobs.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.cachedjobs.support.EngineFixtures.fixture;
import static io.cachedjobs.support.EngineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.Instances;
import io.cachedjobs.support.RunningApiTest;
import io.cachedjobs.tenancy.ProjectScope;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Engine accounts' limits and pauses hold across instances: two instances of the service, both
 * running executions, on one PostgreSQL of their own and one stub engine. Each test uses an account
 * of its own (a provider key pointed at it), so that one test's pause is not another's.
 */
class EngineAccountsApiTest {

    private static Instances instances;
    private static WireMockServer engine;
    private static Api api;
    private static Api other;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws IOException {
        instances = Instances.onTheirOwnDatabase();
        engine = new WireMockServer(options().dynamicPort().containerThreads(40));
        engine.start();
        api = Instances.api(instances.start(arguments()));
        other = Instances.api(instances.start(arguments()));
        jdbc = instances.jdbc();
    }

    @AfterAll
    static void stop() throws IOException {
        instances.close();
        engine.stop();
    }

    private static List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of(
                "--cachedjobs.runner.enabled=true",
                "--cachedjobs.runner.workers=3",
                "--cachedjobs.runner.start-interval=200ms",
                "--cachedjobs.runner.polling-interval=100ms",
                "--cachedjobs.runner.backoff=100ms",
                "--cachedjobs.runner.max-backoff=200ms",
                "--cachedjobs.runner.max-attempts=4",
                "--cachedjobs.runner.paused-retry=300ms",
                // Far beyond every test's wait: an execution turned away at its account's limit runs
                // when a call of the account ends and brings it forward, not when this wait ends.
                "--cachedjobs.runner.limit-wait=1m",
                "--cachedjobs.runner.overload-pause-after=3",
                "--cachedjobs.runner.overload-pause=2s"));
        // One account per test, each a provider key of its own on the one stub.
        account(arguments, "credit", "openai5", "requests-per-minute=6000");
        account(arguments, "limits", "openai51gpt", "max-concurrency=2", "requests-per-minute=6000");
        account(arguments, "slow", "openai5gpt", "requests-per-minute=60");
        account(arguments, "busy", "anthropic", "requests-per-minute=6000");
        account(
                arguments,
                "budget",
                "perplexity",
                "max-concurrency=1",
                "requests-per-minute=6000",
                "daily-budget-usd=0.01");
        account(arguments, "fair", "openai", "max-concurrency=10", "requests-per-minute=6000");
        return arguments;
    }

    private static void account(List<String> arguments, String account, String providerKey, String... settings) {
        String prefix = "--cachedjobs.engines.accounts." + account + ".";
        arguments.add(prefix + "base-url=" + engine.baseUrl());
        arguments.add(prefix + "api-key=test-" + account + "-key");
        for (String setting : settings) {
            arguments.add(prefix + setting);
        }
        arguments.add("--cachedjobs.engines.providers." + providerKey + ".account=" + account);
    }

    /** A new organisation and project with one query, whose key both instances' Api send. */
    private static ProjectScope project(String query) {
        ProjectScope scope = Instances.project(api, "Accounts " + query, query);
        other.remember(scope.organisationId(), api.keyOf(scope.organisationId()));
        return scope;
    }

    private static String trigger(ProjectScope scope, String providerKey, int runs) {
        Api.Response triggered = api.post("/api/cached-jobs/trigger")
                .scope(scope)
                .json(Map.of("aiModels", List.of(providerKey), "executionCount", runs))
                .send();
        assertThat(triggered.status()).as(triggered.body()).isEqualTo(201);
        return triggered.json().get(0).get("id").asString();
    }

    private static void answer(String path, String query, ResponseDefinitionBuilder response) {
        engine.stubFor(post(path).withRequestBody(containing(query)).willReturn(response));
    }

    /** The calls the stub got for {@code query}, oldest first. */
    private static List<ServeEvent> calls(String query) {
        return engine.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getBodyAsString().contains(query))
                .sorted((a, b) ->
                        a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .toList();
    }

    /** {@code providerKey}'s engine as the other instance's {@code GET /api/ai-providers} shows it. */
    private static JsonNode engineOf(UUID organisation, String providerKey) {
        for (JsonNode provider : other.get("/api/ai-providers")
                .key(api.keyOf(organisation))
                .send()
                .json()) {
            if (provider.get("key").asString().equals(providerKey)) {
                return provider.get("engine");
            }
        }
        throw new AssertionError("no provider key " + providerKey);
    }

    private static JsonNode awaitEngine(UUID organisation, String providerKey, Predicate<JsonNode> condition) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode state;
        do {
            state = engineOf(organisation, providerKey);
            if (condition.test(state)) {
                return state;
            }
            sleep(100);
        } while (System.nanoTime() < until);
        throw new AssertionError("engine of " + providerKey + " never as expected: " + state);
    }

    @Test
    void anAccountOutOfCreditPausesForEveryInstanceItsExecutionsWaitPendingAndAnOperatorResumesIt() throws Exception {
        String query = "accounts out of credit";
        answer("/v1/responses", query, json(429, fixture("openai/error-insufficient-quota.json")));
        ProjectScope scope = project(query);
        String job = trigger(scope, "openai5", 4);

        JsonNode paused = awaitEngine(
                scope.organisationId(),
                "openai5",
                state -> "paused".equals(state.get("status").asString()));

        assertThat(paused.get("account").asString()).isEqualTo("credit");
        assertThat(paused.get("pauseReason").asString()).isEqualTo("out-of-credit");
        assertThat(paused.get("pauseMessage").asString()).startsWith("You exceeded your current quota");
        assertThat(paused.get("pausedUntil").isNull()).isTrue();
        // Waiting executions look again every 300 ms: none is sent while it is paused.
        int sentBeforePause = calls(query).size();
        sleep(1500);
        assertThat(calls(query)).hasSize(sentBeforePause);
        JsonNode waiting = RunningApiTest.get(api, scope.organisationId(), scope.projectId(), job);
        assertThat(waiting.get("status").asString()).isEqualTo("active");
        assertThat(waiting.get("pendingExecutions").asInt()).isEqualTo(4);
        assertThat(waiting.get("failedExecutions").asInt()).isZero();
        // The other keys of other accounts work on.
        assertThat(engineOf(scope.organisationId(), "openai").get("status").asString())
                .isEqualTo("working");

        engine.resetMappings();
        answer("/v1/responses", query, okJson(fixture("openai/answer.json")));
        Api.Response resumed =
                api.post("/api/ai-providers/accounts/credit/resume").operator().send();
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
        assertThat(resumed.json().get("status").asString()).isEqualTo("working");

        JsonNode ended = RunningApiTest.awaitEnded(api, scope.organisationId(), scope.projectId(), job);
        assertThat(ended.get("outcome").asString()).isEqualTo("completed");
        assertThat(calls(query)).hasSize(sentBeforePause + 4);
        assertThat(api.post("/api/ai-providers/accounts/nosuch/resume")
                        .operator()
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/ai-providers/accounts/credit/resume")
                        .key(api.keyOf(scope.organisationId()))
                        .send()
                        .status())
                .isEqualTo(403);
    }

    @Test
    void anAccountsCallsInFlightNeverExceedItsConcurrencyAcrossInstances() throws Exception {
        String query = "accounts concurrency";
        answer("/v1/responses", query, okJson(fixture("openai/answer.json")).withFixedDelay(400));
        ProjectScope scope = project(query);

        long start = System.nanoTime();
        JsonNode ended = RunningApiTest.awaitEnded(
                api, scope.organisationId(), scope.projectId(), trigger(scope, "openai51gpt", 10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(ended.get("outcome").asString()).isEqualTo("completed");
        List<ServeEvent> calls = calls(query);
        assertThat(calls).hasSize(10);
        // Six workers in all; the account allows two calls at once, and uses both.
        assertThat(mostAtOnce(calls)).isEqualTo(2);
        // Five waves of 400 ms: each call that ended handed its slot on at once, none of the eight
        // executions turned away waited out its one-minute limit-wait.
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void anAccountsRequestsPerMinuteHoldAcrossInstances() throws Exception {
        String query = "accounts per minute";
        answer("/v1/responses", query, okJson(fixture("openai/answer.json")));
        ProjectScope scope = project(query);

        RunningApiTest.awaitEnded(api, scope.organisationId(), scope.projectId(), trigger(scope, "openai5gpt", 4));

        // 60 a minute: one a second, a bucket of one. Each claim takes a token at its started_at, a
        // second after the one before; the calls reach the stub a little after their claims (by a
        // time that varies on a busy machine), so there the first to the last span about 3 seconds.
        List<Instant> claimed = jdbc
                .queryForList(
                        "select started_at from job_executions where query_text = ? order by started_at",
                        java.sql.Timestamp.class,
                        query)
                .stream()
                .map(java.sql.Timestamp::toInstant)
                .toList();
        assertThat(claimed).hasSize(4);
        for (int i = 1; i < claimed.size(); i++) {
            assertThat(Duration.between(claimed.get(i - 1), claimed.get(i)))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(990));
        }
        List<Instant> sent = calls(query).stream()
                .map(event -> event.getRequest().getLoggedDate().toInstant())
                .toList();
        assertThat(sent).hasSize(4);
        assertThat(Duration.between(sent.get(0), sent.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(2800));
    }

    @Test
    void overloadedAnswersInARowPauseTheAccountForAWhileAndTheNextAttemptWaitsForItsEnd() throws Exception {
        String query = "accounts overloaded";
        answer(
                "/v1/messages",
                query,
                json(
                        529,
                        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                                + "\"message\":\"Overloaded\"}}"));
        ProjectScope scope = project(query);
        String job = trigger(scope, "anthropic", 1);

        JsonNode paused = awaitEngine(
                scope.organisationId(),
                "anthropic",
                state -> "paused".equals(state.get("status").asString()));

        assertThat(paused.get("pauseReason").asString()).isEqualTo("overloaded");
        Instant pausedAt = Instant.parse(paused.get("pausedAt").asString());
        assertThat(Duration.between(
                        pausedAt, Instant.parse(paused.get("pausedUntil").asString())))
                .isEqualTo(Duration.ofSeconds(2));
        JsonNode ended = RunningApiTest.awaitEnded(api, scope.organisationId(), scope.projectId(), job);
        assertThat(ended.get("outcome").asString()).isEqualTo("failed");
        List<ServeEvent> calls = calls(query);
        assertThat(calls).hasSize(4);
        // The third overloaded answer paused the account: the fourth attempt waited for its end.
        assertThat(Duration.between(
                        calls.get(2).getRequest().getLoggedDate().toInstant(),
                        calls.get(3).getRequest().getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        assertThat(awaitEngine(
                                scope.organisationId(),
                                "anthropic",
                                state -> "working".equals(state.get("status").asString()))
                        .get("pauseReason")
                        .isNull())
                .isTrue();
    }

    @Test
    void aSpentDailyBudgetPausesTheAccountUntilTheNextUtcDay() throws Exception {
        String query = "accounts budget";
        // Perplexity states its cost: 0.0053 USD a call; the budget is 0.01 USD a day.
        answer("/chat/completions", query, okJson(fixture("perplexity/answer.json")));
        ProjectScope scope = project(query);
        String job = trigger(scope, "perplexity", 5);

        JsonNode paused = awaitEngine(
                scope.organisationId(),
                "perplexity",
                state -> "paused".equals(state.get("status").asString()));

        assertThat(paused.get("pauseReason").asString()).isEqualTo("daily-budget");
        Instant nextDay = LocalDate.now(ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        assertThat(Instant.parse(paused.get("pausedUntil").asString())).isEqualTo(nextDay);
        // One call at a time: no other was answered once two had spent 0.0106 USD, and nothing more
        // is sent (a call that failed on the way, on a busy machine, counts as a call, not a spend).
        int sent = calls(query).size();
        sleep(1000);
        assertThat(calls(query)).hasSize(sent);
        JsonNode waiting = RunningApiTest.get(api, scope.organisationId(), scope.projectId(), job);
        assertThat(waiting.get("successExecutions").asInt()).isEqualTo(2);
        assertThat(waiting.get("pendingExecutions").asInt()
                        + waiting.get("retryingExecutions").asInt())
                .isEqualTo(3);
        assertThat(jdbc.queryForMap("select calls, cost_micros from engine_account_days where account = 'budget'"))
                .containsEntry("calls", sent)
                .containsEntry("cost_micros", 10_600L);
    }

    @Test
    void anOrganisationsBacklogDoesNotStarveAnotherOrganisation() throws Exception {
        String big = "accounts fair big";
        String small = "accounts fair small";
        answer("/v1/responses", big, okJson(fixture("openai/answer.json")).withFixedDelay(300));
        answer("/v1/responses", small, okJson(fixture("openai/answer.json")).withFixedDelay(300));
        ProjectScope first = project(big);
        ProjectScope second = project(small);
        String bigJob = trigger(first, "openai", 60);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (calls(big).size() < 4 && System.nanoTime() < until) {
            sleep(20);
        }

        RunningApiTest.awaitEnded(api, second.organisationId(), second.projectId(), trigger(second, "openai", 2));

        // Six workers at 300 ms a call: the big job takes 3 s; the small one's two calls went first,
        // not after the big job's 56 others.
        JsonNode stillRunning = RunningApiTest.get(api, first.organisationId(), first.projectId(), bigJob);
        assertThat(stillRunning.get("successExecutions").asInt()).isLessThan(45);
        assertThat(RunningApiTest.awaitEnded(api, first.organisationId(), first.projectId(), bigJob)
                        .get("outcome")
                        .asString())
                .isEqualTo("completed");
    }

    /** The most calls the stub was answering at one time. */
    private static int mostAtOnce(List<ServeEvent> calls) {
        List<long[]> edges = new ArrayList<>();
        for (ServeEvent call : calls) {
            long start = call.getRequest().getLoggedDate().getTime();
            edges.add(new long[] {start, 1});
            edges.add(new long[] {start + call.getTiming().getTotalTime(), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int most = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            most = Math.max(most, now);
        }
        return most;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
