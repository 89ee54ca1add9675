package io.cachedjobs.engine.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.cachedjobs.support.EngineFixtures.fixture;
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
import io.cachedjobs.engine.chat.ChatCompletionsEngine.Variant;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Chat Completions adapter against a local stub of each engine that speaks it, with answers
 * shaped as engines.md 3.5 (Perplexity) and 3.6 (DeepSeek) show.
 */
class ChatCompletionsEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final String PATH = "/chat/completions";
    private static final EngineQuestion SONAR = new EngineQuestion("sonar", "best crm for small business", "en", "US");
    private static final EngineQuestion DEEPSEEK =
            new EngineQuestion("deepseek-chat", "best crm for small business", "en", "US");

    /** The engine: a local stub server, fresh for each test (the extension resets it). */
    @RegisterExtension
    static final WireMockExtension engine =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private static ChatCompletionsEngine adapter(Variant variant, Duration timeout) {
        return new ChatCompletionsEngine(
                new EngineEndpoint(URI.create(engine.baseUrl()), "key-test-123", timeout), CLOCK, variant);
    }

    private static EngineAnswer perplexity(EngineQuestion question) {
        return adapter(Variant.PERPLEXITY, Duration.ofSeconds(60)).ask(question);
    }

    private static EngineAnswer deepseek(EngineQuestion question) {
        return adapter(Variant.DEEPSEEK, Duration.ofSeconds(60)).ask(question);
    }

    private static void answers(ResponseDefinitionBuilder response) {
        engine.stubFor(post(urlEqualTo(PATH)).willReturn(response));
    }

    private static void failsWith(Variant variant, Consumer<EngineFailure> check) {
        EngineQuestion question = variant == Variant.PERPLEXITY ? SONAR : DEEPSEEK;
        assertThatThrownBy(() -> adapter(variant, Duration.ofSeconds(60)).ask(question))
                .isInstanceOfSatisfying(EngineFailure.class, check::accept);
    }

    // Perplexity

    @Test
    void perplexityIsAskedWithTheKeyTheModelTheLanguageTheQueryAndTheCountry() {
        answers(json(200, fixture("perplexity/answer.json")));

        perplexity(new EngineQuestion("sonar", "beste CRM für kleine Unternehmen", "de", "DE"));

        engine.verify(
                1,
                postRequestedFor(urlEqualTo(PATH))
                        .withHeader("Authorization", equalTo("Bearer key-test-123"))
                        .withHeader("Content-Type", containing("application/json"))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("sonar")))
                        .withRequestBody(matchingJsonPath("$.messages.length()", equalTo("2")))
                        .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                        .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Answer in German.")))
                        .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
                        .withRequestBody(
                                matchingJsonPath("$.messages[1].content", equalTo("beste CRM für kleine Unternehmen")))
                        .withRequestBody(
                                matchingJsonPath("$.web_search_options.user_location.country", equalTo("DE"))));
    }

    @Test
    void perplexityAnswersItsTextItsCitationsThenItsOtherResultsItsUsageAndItsCost() {
        answers(json(200, fixture("perplexity/answer.json")));

        EngineAnswer answer = perplexity(SONAR);

        assertThat(answer.text())
                .startsWith("For a small business, **HubSpot CRM** is the one most often recommended")
                .contains("**Pipedrive**", "**Zoho CRM**", "**Salesforce Starter**", "[1][2]");
        assertThat(answer.noAnswerReason()).isNull();
        assertThat(answer.sources())
                .containsExactly(
                        EngineSource.cited("https://www.example.com/crm", "Best CRM for Small Business in 2026"),
                        EngineSource.cited(
                                "https://www.reddit.com/r/smallbusiness/comments/1abcde/which_crm_do_you_use/",
                                "Which CRM do you use? : r/smallbusiness"),
                        EngineSource.cited(
                                "https://www.pipedrive.example/en/blog/small-business-crm",
                                "How to choose a CRM for your small business"),
                        EngineSource.consulted(
                                "https://www.salesforce.example/small-business/pricing/",
                                "Salesforce Starter Suite pricing"));
        assertThat(answer.searchQueries()).isEmpty();
        assertThat(answer.usage()).isEqualTo(new EngineUsage(9, 0, 310, 0, 1));
        assertThat(answer.statedCostMicros()).isEqualTo(5_300L);
        assertThat(answer.raw()).isEqualTo(fixture("perplexity/answer.json").strip());
    }

    @Test
    void withoutCitationsTheResultsTheTextMarksAreCited() {
        answers(json(200, fixture("perplexity/search-results-only.json")));

        EngineAnswer answer = perplexity(SONAR);

        assertThat(answer.sources())
                .containsExactly(
                        EngineSource.cited(
                                "https://www.example.org/notion-vs-confluence", "Notion vs Confluence for startups"),
                        EngineSource.cited("https://www.example.net/slab-review", "Slab review"),
                        EngineSource.consulted("https://www.example.com/wiki-tools", "The 9 best wiki tools"));
        assertThat(answer.usage().searchCalls()).isEqualTo(2);
        assertThat(answer.statedCostMicros()).isEqualTo(5_048L);
    }

    @Test
    void aCitationWithoutASearchResultHasNoTitleAndAResultIsListedOnce() {
        answers(json(200, """
                {"choices": [{"index": 0, "finish_reason": "stop",
                              "message": {"role": "assistant", "content": "**Acme** leads [1], then **Globex** [2]."}}],
                 "citations": ["https://a.example/1", "https://b.example/2", "https://a.example/1"],
                 "search_results": [{"title": "A", "url": "https://a.example/1"},
                                    {"title": "C", "url": "https://c.example/3"},
                                    {"title": "C again", "url": "https://c.example/3"}],
                 "usage": {"prompt_tokens": 5, "completion_tokens": 9, "num_search_queries": 1}}
                """));

        EngineAnswer answer = perplexity(SONAR);

        assertThat(answer.sources())
                .containsExactly(
                        EngineSource.cited("https://a.example/1", "A"),
                        EngineSource.cited("https://b.example/2", null),
                        EngineSource.consulted("https://c.example/3", "C"));
        assertThat(answer.statedCostMicros()).isNull();
    }

    @Test
    void anEmptyPerplexityAnswerIsEmptyAndStillCosts() {
        answers(json(200, fixture("perplexity/empty.json")));

        EngineAnswer answer = perplexity(SONAR);

        assertThat(answer.text()).isNull();
        assertThat(answer.noAnswerReason()).isEqualTo("empty");
        assertThat(answer.sources()).isEmpty();
        assertThat(answer.statedCostMicros()).isEqualTo(5_000L);
    }

    @Test
    void anAnswerCutAtItsLengthKeepsItsPartialTextAndItsCostRoundedHalfUp() {
        answers(json(200, fixture("perplexity/length.json")));

        EngineAnswer answer = perplexity(SONAR);

        assertThat(answer.text())
                .isEqualTo("The best-known email marketing tools are **Mailchimp** [1], **Brevo** [2] and");
        assertThat(answer.noAnswerReason()).isEqualTo("incomplete");
        assertThat(answer.sources()).extracting(EngineSource::cited).containsExactly(true, true);
        assertThat(answer.statedCostMicros()).isEqualTo(5_033L);
    }

    @Test
    void aFilteredAnswerIsBlocked() {
        answers(json(200, """
                {"choices": [{"index": 0, "finish_reason": "content_filter",
                              "message": {"role": "assistant", "content": null}}],
                 "usage": {"prompt_tokens": 5, "completion_tokens": 0}}
                """));

        EngineAnswer answer = perplexity(SONAR);

        assertThat(answer.text()).isNull();
        assertThat(answer.noAnswerReason()).isEqualTo("blocked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"retry-after-ms:7000", "Retry-After:7", "Retry-After:Sun, 29 Nov 2026 12:00:07 GMT"})
    void aPerplexityRateLimitWaitsAsItsHeaderSays(String header) {
        int colon = header.indexOf(':');
        answers(json(429, fixture("perplexity/error-rate-limit.json"))
                .withHeader(header.substring(0, colon), header.substring(colon + 1)));

        failsWith(Variant.PERPLEXITY, failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(failure.getMessage()).startsWith("Rate limit exceeded: 50 requests per minute");
        });
    }

    @Test
    void aRateLimitWithoutAWaitLeavesItToTheRunner() {
        answers(json(429, fixture("perplexity/error-rate-limit.json")));

        failsWith(Variant.PERPLEXITY, failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isNull();
        });
    }

    @Test
    void aQuotaSpentTheOpenAiWayIsOutOfCredit() {
        answers(json(429, """
                {"error": {"message": "You exceeded your current quota.", "type": "insufficient_quota",
                           "code": "insufficient_quota"}}
                """));

        failsWith(Variant.PERPLEXITY, failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.OUT_OF_CREDIT);
            assertThat(failure.getMessage()).isEqualTo("You exceeded your current quota.");
        });
    }

    @Test
    void aRefusedKeyAnsweredInHtmlNamesItsStatus() {
        answers(aResponse()
                .withStatus(401)
                .withHeader("Content-Type", "text/html")
                .withBody(fixture("perplexity/error-unauthorized.html")));

        failsWith(Variant.PERPLEXITY, failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.REFUSED_CREDENTIALS);
            assertThat(failure.getMessage()).isEqualTo("HTTP 401");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "400, perplexity/error-invalid-model.json, BAD_REQUEST, Invalid model 'sonar-huge'.",
        "403, perplexity/error-invalid-model.json, REFUSED_CREDENTIALS, Invalid model 'sonar-huge'.",
        "500, perplexity/error-server.json, SERVER_ERROR, Internal server error",
        "503, perplexity/error-server.json, OVERLOADED, Internal server error",
        "529, perplexity/error-server.json, OVERLOADED, Internal server error"
    })
    void eachPerplexityRefusalIsItsKindWithTheEngineMessage(
            int status, String body, EngineFailure.Kind kind, String message) {
        answers(json(status, fixture(body)));

        failsWith(Variant.PERPLEXITY, failure -> {
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.status()).isEqualTo(status);
            assertThat(failure.getMessage()).startsWith(message);
        });
    }

    @Test
    void noAnswerInTimeIsATimeoutThatMayHaveBeenBilled() {
        answers(json(200, fixture("perplexity/answer.json")).withFixedDelay(1500));

        assertThatThrownBy(() ->
                        adapter(Variant.PERPLEXITY, Duration.ofMillis(300)).ask(SONAR))
                .isInstanceOfSatisfying(EngineFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.TIMEOUT);
                    assertThat(failure.possiblyBilled()).isTrue();
                });
    }

    // DeepSeek

    @Test
    void deepseekIsAskedWithTheKeyTheModelTheLanguageAndTheQueryWithoutWebSearch() {
        answers(json(200, fixture("deepseek/answer.json")));

        deepseek(new EngineQuestion("deepseek-chat", "meilleur CRM pour une petite entreprise", "fr", "FR"));

        engine.verify(
                1,
                postRequestedFor(urlEqualTo(PATH))
                        .withHeader("Authorization", equalTo("Bearer key-test-123"))
                        .withRequestBody(matchingJsonPath("$.model", equalTo("deepseek-chat")))
                        .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
                        .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Answer in French.")))
                        .withRequestBody(matchingJsonPath(
                                "$.messages[1].content", equalTo("meilleur CRM pour une petite entreprise")))
                        .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
                        .withRequestBody(notContaining("web_search_options")));
    }

    @Test
    void deepseekAnswersItsTextAndUsageWithoutSourcesNorCost() {
        answers(json(200, fixture("deepseek/answer.json")));

        EngineAnswer answer = deepseek(DEEPSEEK);

        assertThat(answer.text())
                .startsWith("Here are CRMs that work well for small businesses:")
                .contains("**HubSpot CRM**", "**Zoho CRM**", "**Pipedrive**", "**Freshsales**");
        assertThat(answer.noAnswerReason()).isNull();
        assertThat(answer.sources()).isEmpty();
        assertThat(answer.searchQueries()).isEmpty();
        assertThat(answer.usage()).isEqualTo(new EngineUsage(18, 16, 112, 0, 0));
        assertThat(answer.statedCostMicros()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n\n\n\n\n\n", "\r\n\r\n\r\n", ": keep-alive\n\n: keep-alive\n\n"})
    void blankLinesBeforeTheJsonAreSkipped(String keepAlive) {
        String json = fixture("deepseek/answer.json");
        answers(json(200, keepAlive + json).withChunkedDribbleDelay(4, 400));

        EngineAnswer answer = deepseek(DEEPSEEK);

        assertThat(answer.text()).startsWith("Here are CRMs that work well for small businesses:");
        assertThat(answer.usage().outputTokens()).isEqualTo(112);
        assertThat(answer.raw()).isEqualTo(json.strip());
    }

    @Test
    void aConnectionClosedAfterOnlyBlankLinesIsATimeoutNotBilled() {
        answers(json(200, "\n\n\n\n").withChunkedDribbleDelay(2, 200));

        failsWith(Variant.DEEPSEEK, failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.TIMEOUT);
            assertThat(failure.possiblyBilled()).isFalse();
        });
    }

    @Test
    void aDeepseekAnswerCutAtItsLengthKeepsItsPartialTextAndItsReasoningTokens() {
        answers(json(200, fixture("deepseek/length.json")));

        EngineAnswer answer = deepseek(DEEPSEEK);

        assertThat(answer.text())
                .isEqualTo(
                        "The most used accounting tools for freelancers are **QuickBooks Self-Employed**, **FreshBooks** and");
        assertThat(answer.noAnswerReason()).isEqualTo("incomplete");
        assertThat(answer.usage()).isEqualTo(new EngineUsage(20, 0, 1024, 1000, 0));
    }

    @Test
    void anAnswerWithoutChoicesIsEmpty() {
        answers(json(200, "{\"id\": \"x\", \"object\": \"chat.completion\", \"choices\": []}"));

        EngineAnswer answer = deepseek(DEEPSEEK);

        assertThat(answer.text()).isNull();
        assertThat(answer.noAnswerReason()).isEqualTo("empty");
        assertThat(answer.usage()).isEqualTo(EngineUsage.NONE);
    }

    @ParameterizedTest
    @CsvSource({
        "402, deepseek/error-insufficient-balance.json, OUT_OF_CREDIT, Insufficient Balance",
        "401, deepseek/error-invalid-key.json, REFUSED_CREDENTIALS, Authentication Fails",
        "400, deepseek/error-invalid-parameters.json, BAD_REQUEST, Failed to deserialize the JSON body",
        "422, deepseek/error-invalid-parameters.json, BAD_REQUEST, Failed to deserialize the JSON body",
        "429, deepseek/error-busy.json, RATE_LIMITED, Server is busy",
        "500, deepseek/error-busy.json, SERVER_ERROR, Server is busy",
        "503, deepseek/error-busy.json, OVERLOADED, Server is busy"
    })
    void eachDeepseekRefusalIsItsKindWithTheEngineMessage(
            int status, String body, EngineFailure.Kind kind, String message) {
        answers(json(status, fixture(body)));

        failsWith(Variant.DEEPSEEK, failure -> {
            assertThat(failure.kind()).isEqualTo(kind);
            assertThat(failure.status()).isEqualTo(status);
            assertThat(failure.getMessage()).startsWith(message);
            assertThat(failure.retryAfter()).isNull();
        });
    }
}
