package io.cachedjobs.engine.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gemini's generateContent with Google Search grounding, against a stub engine that also stands in
 * for Google's grounding redirects (the fixture's links point at it).
 */
class GeminiEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final EngineQuestion QUESTION =
            new EngineQuestion("gemini-2.5-flash", "Quel est le meilleur CRM pour une petite entreprise ?", "fr", "BE");
    private static final String PATH = "/v1beta/models/gemini-2.5-flash:generateContent";
    /** Generous: the first calls of a run on a busy machine take seconds. */
    private static final Duration ANSWER_TIME = Duration.ofSeconds(30);

    /** The engine: a local stub server, fresh for each test (the extension resets it). */
    @RegisterExtension
    static final WireMockExtension engine =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @BeforeEach
    void reset() {
        engine.resetAll();
        redirect("AUZIYQHubspotCrmFr0a1b2c3", 302, "https://www.hubspot.fr/produits/crm");
        redirect("AUZIYQHubspotCrmFrAgain11", 302, "https://www.hubspot.fr/produits/crm");
        redirect("AUZIYQZohoCrmFr4d5e6f7", 301, "https://www.zoho.com/fr/crm/");
        redirect("AUZIYQSalesforceFr8g9h0", 302, "https://www.salesforce.com/fr/crm/");
        engine.stubFor(get("/grounding-api-redirect/AUZIYQCapterraGone9z8y7").willReturn(notFound()));
    }

    private static void redirect(String token, int status, String target) {
        engine.stubFor(get("/grounding-api-redirect/" + token)
                .willReturn(aResponse().withStatus(status).withHeader("Location", target)));
    }

    private static String link(String token) {
        return engine.baseUrl() + "/grounding-api-redirect/" + token;
    }

    private static GeminiEngine adapter(Duration timeout, Duration redirectTime) {
        return new GeminiEngine(
                new EngineEndpoint(URI.create(engine.baseUrl()), "AIza-test", timeout), CLOCK, redirectTime);
    }

    private static EngineAnswer ask(ResponseDefinitionBuilder response) {
        engine.stubFor(post(PATH).willReturn(response));
        return adapter(ANSWER_TIME, Duration.ofSeconds(10)).ask(QUESTION);
    }

    private static EngineFailure fail(ResponseDefinitionBuilder response) {
        engine.stubFor(post(PATH).willReturn(response));
        return catchThrowableOfType(
                EngineFailure.class,
                () -> adapter(ANSWER_TIME, Duration.ofSeconds(10)).ask(QUESTION));
    }

    private static ResponseDefinitionBuilder error(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("content-type", "application/json; charset=UTF-8")
                .withBody(body);
    }

    private static ResponseDefinitionBuilder error(int status, String code, String message) {
        return error(
                status,
                "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"status\":\"" + code + "\"}}");
    }

    /** A fixture, its redirect links pointing at the stub. */
    static String fixture(String name) {
        return EngineFixtures.fixture("gemini/" + name).replace("{{base}}", engine.baseUrl());
    }

    @Test
    void theQuestionGoesOutWithTheKeyTheModelTheSearchToolAndTheLocaleInTheSystemInstruction() {
        ask(okJson(fixture("answer.json")));

        engine.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("x-goog-api-key", equalTo("AIza-test"))
                .withHeader("content-type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.tools", equalToJson("[{\"google_search\":{}}]")))
                .withRequestBody(matchingJsonPath("$.contents[0].role", equalTo("user")))
                .withRequestBody(matchingJsonPath("$.contents[0].parts[0].text", equalTo(QUESTION.query())))
                .withRequestBody(
                        matchingJsonPath("$.systemInstruction.parts[0].text", containing("Answer in French (fr)")))
                .withRequestBody(matchingJsonPath("$.systemInstruction.parts[0].text", containing("Belgium (BE)"))));
    }

    @Test
    void theAnswerIsItsPartsJoinedWithCitedThenConsultedSourcesResolvedAndEachOnce() {
        EngineAnswer answer = ask(okJson(fixture("answer.json")));

        assertThat(answer.text())
                .isEqualTo("Pour une petite entreprise, **HubSpot CRM** est souvent cité comme le meilleur point de"
                        + " départ grâce à son offre gratuite. **Zoho CRM** et **Pipedrive** sont des alternatives"
                        + " économiques très appréciées, et **Salesforce Starter** convient aux équipes qui"
                        + " prévoient de grandir.");
        assertThat(answer.noAnswerReason()).isNull();
        assertThat(answer.sources())
                .containsExactly(
                        // chunks 0 and 3 lead to the same page: one source
                        new EngineSource(
                                "https://www.hubspot.fr/produits/crm",
                                link("AUZIYQHubspotCrmFr0a1b2c3"),
                                "hubspot.fr",
                                true),
                        new EngineSource(
                                "https://www.zoho.com/fr/crm/", link("AUZIYQZohoCrmFr4d5e6f7"), "zoho.com", true),
                        // a link that does not resolve stays a link
                        new EngineSource(
                                link("AUZIYQCapterraGone9z8y7"), link("AUZIYQCapterraGone9z8y7"), "capterra.fr", false),
                        new EngineSource(
                                "https://www.salesforce.com/fr/crm/",
                                link("AUZIYQSalesforceFr8g9h0"),
                                "salesforce.com",
                                false));
        assertThat(answer.searchQueries())
                .containsExactly("meilleur CRM petite entreprise 2026", "HubSpot Zoho Pipedrive comparatif");
        assertThat(answer.statedCostMicros()).isNull();
        assertThat(answer.raw()).isEqualTo(fixture("answer.json"));
    }

    @Test
    void theRedirectsAreResolvedWithoutTheKeyAndWithoutFollowingThem() {
        ask(okJson(fixture("answer.json")));

        engine.verify(5, getRequestedFor(urlPathMatching("/grounding-api-redirect/.*")));
        engine.verify(
                5,
                getRequestedFor(urlPathMatching("/grounding-api-redirect/.*")).withoutHeader("x-goog-api-key"));
    }

    @Test
    void aRedirectSlowerThanItsTimeStaysALinkAndTheAnswerComes() {
        engine.stubFor(get("/grounding-api-redirect/AUZIYQZohoCrmFr4d5e6f7")
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "https://www.zoho.com/fr/crm/")
                        .withFixedDelay(3000)));
        engine.stubFor(post(PATH).willReturn(okJson(fixture("answer.json"))));

        EngineAnswer answer = adapter(ANSWER_TIME, Duration.ofMillis(500)).ask(QUESTION);

        assertThat(answer.sources())
                .extracting(EngineSource::url)
                .contains(link("AUZIYQZohoCrmFr4d5e6f7"), "https://www.hubspot.fr/produits/crm");
    }

    @Test
    void tokensCountThoughtsAsOutputAndSearchResultsAsInputAndAGroundedRequestIsOneSearch() {
        EngineAnswer answer = ask(okJson(fixture("answer.json")));

        // prompt 31 + tool use 1504; candidates 96 + thoughts 248
        assertThat(answer.usage()).isEqualTo(new EngineUsage(1535, 8, 344, 248, 1));
    }

    @Test
    void onGemini3EachNonBlankSearchQueryIsASearch() {
        String body = fixture("answer.json")
                .replace("\"modelVersion\": \"gemini-2.5-flash\"", "\"modelVersion\": \"gemini-3-flash-preview\"")
                .replace("\"webSearchQueries\": [", "\"webSearchQueries\": [ \"\",");

        EngineAnswer answer = ask(okJson(body));

        assertThat(answer.searchQueries()).hasSize(2);
        assertThat(answer.usage().searchCalls()).isEqualTo(2);
    }

    @Test
    void anAnswerCutShortByItsTokenLimitKeepsItsTextAsIncomplete() {
        EngineAnswer answer = ask(okJson(fixture("max-tokens.json")));

        assertThat(answer.noAnswerReason()).isEqualTo("incomplete");
        assertThat(answer.text()).endsWith("Asana, Trello and");
        // a chunk that is no redirect link is the page itself
        assertThat(answer.sources())
                .containsExactly(new EngineSource("https://www.example.org/pm-tools", null, "example.org", false));
    }

    @Test
    void aSafetyStopOrABlockedPromptIsABlockedAnswerWithoutText() {
        EngineAnswer safety = ask(okJson(fixture("safety.json")));
        EngineAnswer prompt = ask(okJson(fixture("prompt-blocked.json")));

        assertThat(safety.text()).isNull();
        assertThat(safety.noAnswerReason()).isEqualTo("blocked");
        assertThat(safety.usage().searchCalls()).isZero();
        assertThat(prompt.text()).isNull();
        assertThat(prompt.noAnswerReason()).isEqualTo("blocked");
    }

    @Test
    void aRateLimitWaitsTheRetryDelayInTheBody() {
        EngineFailure failure = fail(error(429, fixture("error-rate-limit.json")));

        assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.RATE_LIMITED);
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(37));
        assertThat(failure.getMessage()).startsWith("You exceeded your current quota");
    }

    @Test
    void aRetryDelayMayHaveAFraction() {
        EngineFailure failure = fail(error(429, fixture("error-rate-limit.json").replace("\"37s\"", "\"1.5s\"")));

        assertThat(failure.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aSpentDailyQuotaIsOutOfCredit() {
        EngineFailure failure = fail(error(429, fixture("error-per-day.json")));

        assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.OUT_OF_CREDIT);
        assertThat(failure.retryAfter()).isNull();
    }

    @Test
    void unavailableIsOverloadedInternalAServerErrorAndADeadlineATimeout() {
        EngineFailure unavailable = fail(error(503, "UNAVAILABLE", "The model is overloaded. Please try again later."));
        EngineFailure internal = fail(error(500, "INTERNAL", "An internal error has occurred."));
        EngineFailure deadline =
                fail(error(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete."));

        assertThat(unavailable.kind()).isEqualTo(EngineFailure.Kind.OVERLOADED);
        assertThat(unavailable.getMessage()).isEqualTo("The model is overloaded. Please try again later.");
        assertThat(internal.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR);
        assertThat(deadline.kind()).isEqualTo(EngineFailure.Kind.TIMEOUT);
        assertThat(deadline.possiblyBilled()).isTrue();
    }

    @Test
    void anInvalidArgumentIsABadRequestWithTheEngineMessage() {
        EngineFailure failure =
                fail(error(400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified"));

        assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.BAD_REQUEST);
        assertThat(failure.getMessage()).isEqualTo("* GenerateContentRequest.contents: contents is not specified");
    }

    @Test
    void aRefusedOrInvalidKeyIsRefusedCredentials() {
        EngineFailure denied = fail(error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers."));
        EngineFailure invalid = fail(error(400, fixture("error-key-invalid.json")));

        assertThat(denied.kind()).isEqualTo(EngineFailure.Kind.REFUSED_CREDENTIALS);
        assertThat(invalid.kind()).isEqualTo(EngineFailure.Kind.REFUSED_CREDENTIALS);
        assertThat(invalid.getMessage()).isEqualTo("API key not valid. Please pass a valid API key.");
    }

    @Test
    void noAnswerWithinTheEndpointTimeoutIsATimeoutThatMayHaveBeenBilled() {
        engine.stubFor(post(PATH).willReturn(okJson(fixture("answer.json")).withFixedDelay(3000)));

        EngineFailure failure = catchThrowableOfType(
                EngineFailure.class,
                () -> adapter(Duration.ofMillis(500), Duration.ofSeconds(1)).ask(QUESTION));

        assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.TIMEOUT);
        assertThat(failure.status()).isZero();
        assertThat(failure.possiblyBilled()).isTrue();
    }
}
