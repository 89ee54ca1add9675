package io.cachedjobs.engine.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.cachedjobs.support.EngineFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cachedjobs.engine.EngineAnswer;
import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.EngineFailure;
import io.cachedjobs.engine.EngineQuestion;
import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.engine.EngineUsage;
import io.cachedjobs.support.EngineFixtures;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The Responses API adapter against a local stub of the engine, with answers shaped as engines.md 3.1 shows. */
class OpenAiResponsesEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final String PATH = "/v1/responses";
    private static final EngineQuestion QUESTION =
            new EngineQuestion("gpt-4.1-mini", "best crm for small business", "en-us", "US");

    /** The engine: a local stub server, fresh for each test (the extension resets it). */
    @RegisterExtension
    static final WireMockExtension engine =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private static OpenAiResponsesEngine adapter(Duration timeout) {
        return new OpenAiResponsesEngine(
                new EngineEndpoint(URI.create(engine.baseUrl()), "sk-test-123", timeout), CLOCK);
    }

    private static EngineAnswer ask(EngineQuestion question) {
        return adapter(Duration.ofSeconds(60)).ask(question);
    }

    private static void answers(ResponseDefinitionBuilder response) {
        engine.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    static String fixture(String name) {
        return EngineFixtures.fixture("openai/" + name);
    }

    private static void failsWith(Consumer<EngineFailure> check) {
        assertThatThrownBy(() -> ask(QUESTION)).isInstanceOfSatisfying(EngineFailure.class, check::accept);
    }

    @Test
    void asksWithTheKeyTheModelTheQueryTheWebSearchToolTheCountryAndTheLanguage() {
        answers(json(200, fixture("answer.json")));

        ask(new EngineQuestion("gpt-4.1-mini", "beste CRM für kleine Unternehmen", "de", "DE"));

        engine.verify(
                1,
                postRequestedFor(urlEqualTo(PATH))
                        .withHeader("Authorization", equalTo("Bearer sk-test-123"))
                        .withHeader("Content-Type", containing("application/json"))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4.1-mini")))
                        .withRequestBody(matchingJsonPath("$.input", equalTo("beste CRM für kleine Unternehmen")))
                        .withRequestBody(matchingJsonPath("$.tools.length()", equalTo("1")))
                        .withRequestBody(matchingJsonPath("$.tools[0].type", equalTo("web_search")))
                        .withRequestBody(matchingJsonPath("$.tools[0].user_location.type", equalTo("approximate")))
                        .withRequestBody(matchingJsonPath("$.tools[0].user_location.country", equalTo("DE")))
                        .withRequestBody(matchingJsonPath("$.instructions", equalTo("Answer in German.")))
                        .withRequestBody(matchingJsonPath("$.include[0]", equalTo("web_search_call.action.sources"))));
    }

    @Test
    void theLanguageIsNamedWithItsRegion() {
        assertThat(OpenAiWire.languageInstruction("en-us")).isEqualTo("Answer in English (United States).");
        assertThat(OpenAiWire.languageInstruction("zh-cn")).isEqualTo("Answer in Chinese (China).");
        assertThat(OpenAiWire.languageInstruction("fr")).isEqualTo("Answer in French.");
    }

    @Test
    void theAnswerIsItsTextItsCitedThenConsultedSourcesEachOnceItsSearchesAndItsUsage() {
        answers(json(200, fixture("answer.json")));

        EngineAnswer answer = ask(QUESTION);

        assertThat(answer.text())
                .startsWith("For a small business in 2026, these CRMs come up most often:")
                .contains("**HubSpot CRM**", "**Pipedrive**", "**Zoho CRM**", "**Salesforce Starter Suite**")
                .endsWith("HubSpot's free plan is the easiest place to start.");
        assertThat(answer.noAnswerReason()).isNull();
        assertThat(answer.sources())
                .containsExactly(
                        EngineSource.cited(
                                "https://www.example.com/crm-review?utm_source=openai",
                                "Best CRM Software for Small Business (2026)"),
                        EngineSource.cited(
                                "https://www.pipedrive.example/en/pricing?utm_source=openai", "Pricing | Pipedrive"),
                        EngineSource.cited(
                                "https://www.g2.example/categories/crm?utm_source=openai",
                                "Best CRM Software in 2026 | G2"),
                        EngineSource.consulted("https://www.techradar.example/best/best-crm-for-small-business", null));
        assertThat(answer.searchQueries())
                .containsExactly("best crm for small business 2026", "hubspot vs pipedrive pricing small team");
        assertThat(answer.usage()).isEqualTo(new EngineUsage(328, 64, 356, 12, 2));
        assertThat(answer.statedCostMicros()).isNull();
        assertThat(answer.raw()).isEqualTo(fixture("answer.json").strip());
    }

    @Test
    void anIncompleteAnswerKeepsItsPartialText() {
        answers(json(200, fixture("incomplete.json")));

        EngineAnswer answer = ask(QUESTION);

        assertThat(answer.text())
                .isEqualTo(
                        "The most recommended project management tools for agencies are **Asana**, **Monday.com** and");
        assertThat(answer.noAnswerReason()).isEqualTo("incomplete");
        assertThat(answer.sources()).isEmpty();
        assertThat(answer.searchQueries()).isEmpty();
        assertThat(answer.usage()).isEqualTo(new EngineUsage(41, 0, 512, 480, 0));
    }

    @Test
    void anAnswerCutByTheContentFilterIsBlocked() {
        answers(json(200, """
                {"id": "resp_1", "object": "response", "status": "incomplete",
                 "incomplete_details": {"reason": "content_filter"}, "output": [],
                 "usage": {"input_tokens": 12, "output_tokens": 0}}
                """));

        EngineAnswer answer = ask(QUESTION);

        assertThat(answer.text()).isNull();
        assertThat(answer.noAnswerReason()).isEqualTo("blocked");
    }

    @Test
    void aRefusalIsBlocked() {
        answers(json(200, fixture("refusal.json")));

        EngineAnswer answer = ask(QUESTION);

        assertThat(answer.text()).isNull();
        assertThat(answer.noAnswerReason()).isEqualTo("blocked");
        assertThat(answer.raw()).contains("I'm sorry, but I can't help with that.");
    }

    @Test
    void anAnswerWithoutTextIsEmptyAndKeepsItsSearch() {
        answers(json(200, fixture("empty.json")));

        EngineAnswer answer = ask(QUESTION);

        assertThat(answer.text()).isNull();
        assertThat(answer.noAnswerReason()).isEqualTo("empty");
        assertThat(answer.sources()).isEmpty();
        assertThat(answer.searchQueries()).containsExactly("acme widgets reviews");
        assertThat(answer.usage()).isEqualTo(new EngineUsage(8330, 0, 1, 0, 1));
    }

    @Test
    void aFailedResponseIsAServerErrorWithItsMessage() {
        answers(json(200, fixture("failed.json")));

        failsWith(failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR);
            assertThat(failure.getMessage()).isEqualTo("The model failed to generate a response.");
        });
    }

    @Test
    void anAnswerThatIsNotJsonIsAServerError() {
        answers(json(200, "<html>bad gateway</html>"));

        failsWith(failure -> assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR));
    }

    @Test
    void aSpentQuotaIsOutOfCreditNotARateLimit() {
        answers(json(429, fixture("error-insufficient-quota.json")).withHeader("retry-after", "20"));

        failsWith(failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.OUT_OF_CREDIT);
            assertThat(failure.status()).isEqualTo(429);
            assertThat(failure.retryAfter()).isNull();
            assertThat(failure.getMessage()).startsWith("You exceeded your current quota");
        });
    }

    static Stream<Arguments> waits() {
        return Stream.of(
                Arguments.of(new String[] {"retry-after-ms", "1500", "retry-after", "2"}, Duration.ofMillis(1500)),
                Arguments.of(new String[] {"retry-after", "20"}, Duration.ofSeconds(20)),
                Arguments.of(new String[] {"Retry-After", "Sun, 29 Nov 2026 12:01:30 GMT"}, Duration.ofSeconds(90)),
                Arguments.of(
                        new String[] {
                            "x-ratelimit-remaining-requests", "0",
                            "x-ratelimit-reset-requests", "6m0s",
                            "x-ratelimit-remaining-tokens", "149000",
                            "x-ratelimit-reset-tokens", "1s"
                        },
                        Duration.ofMinutes(6)),
                Arguments.of(
                        new String[] {
                            "x-ratelimit-remaining-requests", "499",
                            "x-ratelimit-reset-requests", "6m0s",
                            "x-ratelimit-remaining-tokens", "0",
                            "x-ratelimit-reset-tokens", "20ms"
                        },
                        Duration.ofMillis(20)),
                Arguments.of(new String[] {"x-ratelimit-reset-requests", "1s"}, Duration.ofSeconds(1)),
                Arguments.of(
                        new String[] {"x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "1m30.5s"},
                        Duration.ofMillis(90_500)));
    }

    @ParameterizedTest
    @MethodSource("waits")
    void aRateLimitWaitsAsItsHeadersSay(String[] headers, Duration wait) {
        ResponseDefinitionBuilder response = json(429, fixture("error-rate-limit.json"));
        for (int i = 0; i < headers.length; i += 2) {
            response.withHeader(headers[i], headers[i + 1]);
        }
        answers(response);

        failsWith(failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(wait);
            assertThat(failure.possiblyBilled()).isFalse();
            assertThat(failure.getMessage()).startsWith("Rate limit reached for gpt-4.1-mini");
        });
    }

    @Test
    void aRateLimitWithoutAWaitLeavesItToTheRunner() {
        answers(json(429, fixture("error-rate-limit.json")));

        failsWith(failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isNull();
        });
    }

    @ParameterizedTest
    @CsvSource({
        "1s, PT1S",
        "6m0s, PT6M",
        "20ms, PT0.02S",
        "12ms, PT0.012S",
        "1h2m3.5s, PT1H2M3.5S",
        "0.5s, PT0.5S",
        "300us, PT0.0003S",
        "300µs, PT0.0003S",
        "100ns, PT0.0000001S",
        "0s, PT0S",
        "7, PT7S",
        "48h, PT24H"
    })
    void openAiResetsAreGoDurations(String value, Duration duration) {
        assertThat(OpenAiWire.duration(value)).isEqualTo(duration);
    }

    @ParameterizedTest
    @CsvSource(value = {"''", "soon", "6m0", "1m 0s", "-1s", "s", "1d"})
    void anUnreadableResetIsNoWait(String value) {
        assertThat(OpenAiWire.duration(value)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "401, error-invalid-key.json, REFUSED_CREDENTIALS, Incorrect API key provided",
        "403, error-invalid-key.json, REFUSED_CREDENTIALS, Incorrect API key provided",
        "400, error-invalid-request.json, BAD_REQUEST, Web search preview tool is not supported with this model",
        "500, error-server.json, SERVER_ERROR, The server had an error while processing your request",
        "503, error-overloaded.json, OVERLOADED, The engine is currently overloaded",
        "529, error-overloaded.json, OVERLOADED, The engine is currently overloaded"
    })
    void eachRefusalIsItsKindWithTheEngineMessage(int status, String body, EngineFailure.Kind kind, String message) {
        answers(json(status, fixture(body)));

        failsWith(failure -> {
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.status()).isEqualTo(status);
            assertThat(failure.getMessage()).startsWith(message);
        });
    }

    @Test
    void aRefusalWithoutAnErrorBodyNamesItsStatus() {
        answers(aResponse().withStatus(502).withBody("<html><body>Bad gateway</body></html>"));

        failsWith(failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR);
            assertThat(failure.getMessage()).isEqualTo("HTTP 502");
        });
    }

    @Test
    void noAnswerInTimeIsATimeoutThatMayHaveBeenBilled() {
        answers(json(200, fixture("answer.json")).withFixedDelay(1500));

        assertThatThrownBy(() -> adapter(Duration.ofMillis(300)).ask(QUESTION))
                .isInstanceOfSatisfying(EngineFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.TIMEOUT);
                    assertThat(failure.possiblyBilled()).isTrue();
                });
    }
}
