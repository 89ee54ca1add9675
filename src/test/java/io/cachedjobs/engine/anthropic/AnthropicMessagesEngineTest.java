package io.cachedjobs.engine.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Anthropic's Messages API with web search, against a stub engine serving recorded-shape answers. */
class AnthropicMessagesEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final EngineQuestion QUESTION =
            new EngineQuestion("claude-haiku-4-5", "Quel est le meilleur CRM pour une petite entreprise ?", "fr", "BE");
    /** Generous: the first calls of a run on a busy machine take seconds. */
    private static final Duration ANSWER_TIME = Duration.ofSeconds(30);

    /** The engine: a local stub server, fresh for each test (the extension resets it). */
    @RegisterExtension
    static final WireMockExtension engine =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private static AnthropicMessagesEngine adapter(Duration timeout) {
        return new AnthropicMessagesEngine(new EngineEndpoint(URI.create(engine.baseUrl()), "sk-test", timeout), CLOCK);
    }

    private static EngineAnswer ask(ResponseDefinitionBuilder response) {
        engine.stubFor(post("/v1/messages").willReturn(response));
        return adapter(ANSWER_TIME).ask(QUESTION);
    }

    private static EngineFailure fail(ResponseDefinitionBuilder response) {
        engine.stubFor(post("/v1/messages").willReturn(response));
        return catchThrowableOfType(
                EngineFailure.class, () -> adapter(ANSWER_TIME).ask(QUESTION));
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("content-type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                        + "\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}");
    }

    static String fixture(String name) {
        return EngineFixtures.fixture("anthropic/" + name);
    }

    @Test
    void theQuestionGoesOutWithTheKeyTheModelTheSearchToolItsCountryAndTheLanguage() {
        ask(okJson(fixture("answer.json")));

        engine.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo("sk-test"))
                .withHeader("anthropic-version", equalTo("2023-06-01"))
                .withHeader("content-type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-haiku-4-5")))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("4096")))
                .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.messages[0].content", equalTo(QUESTION.query())))
                .withRequestBody(matchingJsonPath("$.tools[0].type", equalTo("web_search_20250305")))
                .withRequestBody(matchingJsonPath("$.tools[0].name", equalTo("web_search")))
                .withRequestBody(matchingJsonPath("$.tools[0].user_location.type", equalTo("approximate")))
                .withRequestBody(matchingJsonPath("$.tools[0].user_location.country", equalTo("BE")))
                .withRequestBody(matchingJsonPath("$.system", containing("French (fr)"))));
    }

    @Test
    void theAnswerIsItsTextBlocksJoinedWithCitedThenConsultedSourcesEachOnce() {
        EngineAnswer answer = ask(okJson(fixture("answer.json")));

        assertThat(answer.text())
                .isEqualTo("Voici les CRM les plus recommandés pour une petite entreprise :\n\n"
                        + "**HubSpot CRM** propose une offre gratuite complète, idéale pour démarrer.\n\n"
                        + "**Pipedrive** convient aux équipes commerciales axées sur le pipeline, à partir de 14 €"
                        + " par utilisateur.\n\n"
                        + "**Zoho CRM** est une alternative économique.");
        assertThat(answer.noAnswerReason()).isNull();
        assertThat(answer.sources())
                .containsExactly(
                        EngineSource.cited("https://www.hubspot.fr/produits/crm", "CRM gratuit | HubSpot"),
                        EngineSource.cited(
                                "https://www.example-reviews.be/crm-pme", "Les meilleurs CRM pour PME en 2026"),
                        EngineSource.cited("https://www.pipedrive.com/fr/pricing", "Tarifs Pipedrive"),
                        EngineSource.consulted("https://www.zoho.com/fr/crm/", "Zoho CRM"),
                        EngineSource.consulted(
                                "https://www.capterra.fr/directory/30001/crm/software",
                                "Logiciels CRM - Capterra France"));
        assertThat(answer.searchQueries())
                .containsExactly("meilleur CRM petite entreprise 2026", "Pipedrive vs HubSpot prix");
        assertThat(answer.statedCostMicros()).isNull();
        assertThat(answer.raw()).isEqualTo(fixture("answer.json"));
    }

    @Test
    void inputTokensCountTheCachedOnesAndSearchesAreTheServerToolRequests() {
        EngineAnswer answer = ask(okJson(fixture("answer.json")));

        // 6039 uncached + 2048 read from the cache + 120 written to it
        assertThat(answer.usage()).isEqualTo(new EngineUsage(8207, 2048, 931, 0, 2));
    }

    @Test
    void anAnswerCutShortByItsTokenLimitKeepsItsTextAsIncomplete() {
        EngineAnswer answer = ask(okJson(fixture("max-tokens.json")));

        assertThat(answer.noAnswerReason()).isEqualTo("incomplete");
        assertThat(answer.text())
                .startsWith("The most recommended running shoes")
                .endsWith("and the");
        assertThat(answer.sources())
                .containsExactly(EngineSource.consulted(
                        "https://www.runnersworld.example/best-shoes", "The Best Running Shoes of 2026"));
        assertThat(answer.usage().outputTokens()).isEqualTo(4096);
    }

    @Test
    void anAnswerWhoseSearchFailedKeepsItsTextWithTheReason() {
        EngineAnswer answer = ask(okJson(fixture("search-error.json")));

        assertThat(answer.noAnswerReason()).isEqualTo("search-failed");
        assertThat(answer.text()).contains("Asana, Trello and Monday.com");
        assertThat(answer.sources()).isEmpty();
        assertThat(answer.searchQueries()).containsExactly("best project management tool");
    }

    @Test
    void aRefusalIsABlockedAnswerWithoutText() {
        EngineAnswer answer = ask(okJson(fixture("refusal.json")));

        assertThat(answer.text()).isNull();
        assertThat(answer.noAnswerReason()).isEqualTo("blocked");
        assertThat(answer.usage().searchCalls()).isZero();
    }

    @Test
    void aRateLimitWaitsTheRetryAfterHeader() {
        EngineFailure failure = fail(
                error(429, "rate_limit_error", "Number of request tokens has exceeded your" + " per-minute rate limit")
                        .withHeader("retry-after", "20")
                        .withHeader("anthropic-ratelimit-requests-remaining", "0")
                        .withHeader("anthropic-ratelimit-requests-reset", "2026-11-29T12:00:42Z"));

        assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.RATE_LIMITED);
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(failure.getMessage()).contains("per-minute rate limit");
    }

    @Test
    void withoutRetryAfterARateLimitWaitsUntilTheExhaustedLimitResets() {
        EngineFailure failure = fail(error(429, "rate_limit_error", "rate limited")
                .withHeader("anthropic-ratelimit-requests-remaining", "12")
                .withHeader("anthropic-ratelimit-requests-reset", "2026-11-29T12:01:30Z")
                .withHeader("anthropic-ratelimit-input-tokens-remaining", "0")
                .withHeader("anthropic-ratelimit-input-tokens-reset", "2026-11-29T12:00:42Z")
                .withHeader("anthropic-ratelimit-output-tokens-remaining", "800")
                .withHeader("anthropic-ratelimit-output-tokens-reset", "2026-11-29T12:00:03Z"));

        assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.RATE_LIMITED);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void withoutRetryAfterOrAnExhaustedLimitARateLimitWaitsForTheLatestReset() {
        EngineFailure failure = fail(error(429, "rate_limit_error", "rate limited")
                .withHeader("anthropic-ratelimit-requests-reset", "2026-11-29T12:00:10.500+00:00")
                .withHeader("anthropic-ratelimit-tokens-reset", "2026-11-29T12:00:03Z"));

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMillis(10_500));
    }

    @Test
    void anOverloadIsOverloadedWhetherA529OrA429() {
        EngineFailure on529 = fail(error(529, "overloaded_error", "Overloaded"));
        EngineFailure on429 = fail(error(429, "overloaded_error", "Overloaded").withHeader("retry-after", "5"));

        assertThat(on529.kind()).isEqualTo(EngineFailure.Kind.OVERLOADED);
        assertThat(on529.status()).isEqualTo(529);
        assertThat(on429.kind()).isEqualTo(EngineFailure.Kind.OVERLOADED);
        assertThat(on429.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aBillingErrorIsOutOfCredit() {
        EngineFailure failure = fail(error(402, "billing_error", "Your credit balance is too low"));

        assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.OUT_OF_CREDIT);
        assertThat(failure.possiblyBilled()).isFalse();
    }

    @Test
    void aRefusedKeyOrPermissionIsRefusedCredentials() {
        assertThat(fail(error(401, "authentication_error", "invalid x-api-key")).kind())
                .isEqualTo(EngineFailure.Kind.REFUSED_CREDENTIALS);
        assertThat(fail(error(403, "permission_error", "no access to this model"))
                        .kind())
                .isEqualTo(EngineFailure.Kind.REFUSED_CREDENTIALS);
    }

    @Test
    void aRefusedRequestIsABadRequestWithTheEngineMessage() {
        EngineFailure invalid = fail(error(400, "invalid_request_error", "max_tokens: Field required"));
        EngineFailure tooLarge = fail(error(413, "request_too_large", "Request exceeds the maximum allowed size"));

        assertThat(invalid.kind()).isEqualTo(EngineFailure.Kind.BAD_REQUEST);
        assertThat(invalid.getMessage()).isEqualTo("max_tokens: Field required");
        assertThat(tooLarge.kind()).isEqualTo(EngineFailure.Kind.BAD_REQUEST);
        assertThat(tooLarge.getMessage()).isEqualTo("Request exceeds the maximum allowed size");
    }

    @Test
    void anApiErrorIsAServerErrorAndATimeoutErrorATimeout() {
        EngineFailure server = fail(error(500, "api_error", "Internal server error"));
        EngineFailure timeout = fail(error(504, "timeout_error", "Request timed out"));

        assertThat(server.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR);
        assertThat(timeout.kind()).isEqualTo(EngineFailure.Kind.TIMEOUT);
        assertThat(timeout.possiblyBilled()).isTrue();
    }

    @Test
    void noAnswerWithinTheEndpointTimeoutIsATimeoutThatMayHaveBeenBilled() {
        engine.stubFor(
                post("/v1/messages").willReturn(okJson(fixture("answer.json")).withFixedDelay(1500)));

        EngineFailure failure = catchThrowableOfType(
                EngineFailure.class, () -> adapter(Duration.ofMillis(300)).ask(QUESTION));

        assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.TIMEOUT);
        assertThat(failure.status()).isZero();
        assertThat(failure.possiblyBilled()).isTrue();
    }
}
