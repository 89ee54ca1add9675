package io.cachedjobs.engine.serpapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.cachedjobs.engine.EngineAnswer;
import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.EngineFailure;
import io.cachedjobs.engine.EngineQuestion;
import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.engine.serpapi.SerpApiEngine.Surface;
import io.cachedjobs.support.EngineFixtures;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SerpApi's AI Overview and AI Mode against a local stub with answers shaped as engines.md 3.7 shows them. */
class SerpApiEngineTest {

    private static final String KEY = "3f9a7c1e5b2d4f60a8c9e1d2b3a4f5c6e7d8a9b0";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The engine: a local stub server, fresh for each test (the extension resets it). */
    @RegisterExtension
    static final WireMockExtension serp =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private static SerpApiEngine engine(Surface surface) {
        // Generous: the first call of a run loads the HTTP and JSON classes on a busy machine
        return engine(surface, Duration.ofSeconds(30));
    }

    private static SerpApiEngine engine(Surface surface, Duration timeout) {
        return new SerpApiEngine(new EngineEndpoint(URI.create(serp.baseUrl()), KEY, timeout), CLOCK, surface);
    }

    private static EngineQuestion question(String query, String language, String country) {
        return new EngineQuestion("ai-overview", query, language, country);
    }

    private static MappingBuilder search(String engine, String query) {
        return get(urlPathEqualTo("/search.json"))
                .withQueryParam("engine", equalTo(engine))
                .withQueryParam("q", equalTo(query));
    }

    private static String fixture(String name) {
        return EngineFixtures.fixture("serpapi/" + name);
    }

    @Test
    void anAiOverviewIsAskedForAsAGoogleSearchAndReadAsMarkdownWithItsReferences() {
        serp.stubFor(search("google", "best crm for small business").willReturn(okJson(fixture("overview.json"))));

        EngineAnswer answer = engine(Surface.AI_OVERVIEW).ask(question("best crm for small business", "en", "US"));

        serp.verify(getRequestedFor(urlPathEqualTo("/search.json"))
                .withQueryParam("engine", equalTo("google"))
                .withQueryParam("q", equalTo("best crm for small business"))
                .withQueryParam("gl", equalTo("us"))
                .withQueryParam("hl", equalTo("en"))
                .withQueryParam("no_cache", equalTo("true"))
                .withQueryParam("device", equalTo("desktop"))
                .withQueryParam("api_key", equalTo(KEY)));
        assertThat(answer.text()).isEqualTo("""
                        For most small businesses, HubSpot CRM and Pipedrive are the strongest starting points: \
                        HubSpot for its free tier, Pipedrive for visual sales pipelines.

                        ## Popular options

                        - HubSpot CRM: Free forever plan with contact management and email tracking.
                        - Pipedrive: Deal-focused pipelines, from about $14 per user a month.
                          - Good for teams that live in their sales pipeline.
                          - Automations on higher plans.
                        - Zoho CRM: Low-cost plans and a wide app ecosystem.

                        ## What to look for

                        Ease of use, integrations with Gmail or Outlook, and mobile apps matter more than feature count.

                        | CRM | Free plan |
                        | --- | --- |
                        | HubSpot | Yes |
                        | Salesforce Starter | No |""");
        assertThat(answer.noAnswerReason()).isNull();
        assertThat(answer.sources())
                .containsExactly(
                        EngineSource.cited(
                                "https://www.example.com/best-crm-small-business",
                                "The 10 best CRMs for small business in 2026"),
                        EngineSource.cited("https://crm-reviews.example.org/pipedrive", "Pipedrive review"),
                        EngineSource.cited(
                                "https://www.compare.example.net/zoho-vs-pipedrive", "Zoho CRM vs Pipedrive"),
                        EngineSource.consulted("https://www.salesforce.example/starter", "Salesforce Starter Suite"),
                        EngineSource.consulted("https://freshsales.example.io/small-business", "Freshsales"));
        assertThat(answer.searchQueries()).containsExactly("best crm for small business");
        assertThat(answer.usage().searchCalls()).isEqualTo(1);
        assertThat(answer.usage().inputTokens()).isZero();
        assertThat(answer.usage().outputTokens()).isZero();
        assertThat(answer.statedCostMicros()).isNull();
        assertThat(JSON.readTree(answer.raw())
                        .path("search_metadata")
                        .path("id")
                        .stringValue())
                .isEqualTo("6823a1f0c2b4e5d6a7b8c9d0");
    }

    @Test
    void anOverviewGoogleLoadsLazilyIsFetchedWithItsPageTokenAndBothBodiesAreKept() {
        serp.stubFor(search("google", "crm for estate agents").willReturn(okJson(fixture("overview-page-token.json"))));
        String token =
                "KIVu-nictVXNbtpAEL7zFMi+Ia+N+blwQ0pVqVKrqs0pVbWs7cFs8e466zUNiXiJXnvgcvsYfYSe+iiZBWMcfhqiKgeE5pv/b76ZfR/3a+7ldbeP78RnRBK";
        serp.stubFor(get(urlPathEqualTo("/search.json"))
                .withQueryParam("engine", equalTo("google_ai_overview"))
                .withQueryParam("page_token", equalTo(token))
                .withQueryParam("api_key", equalTo(KEY))
                .willReturn(okJson(fixture("ai-overview-lazy.json"))));

        EngineAnswer answer = engine(Surface.AI_OVERVIEW).ask(question("crm for estate agents", "en", "GB"));

        serp.verify(1, getRequestedFor(urlPathEqualTo("/search.json")).withQueryParam("engine", equalTo("google")));
        serp.verify(
                1,
                getRequestedFor(urlPathEqualTo("/search.json"))
                        .withQueryParam("engine", equalTo("google_ai_overview")));
        assertThat(answer.text()).isEqualTo("""
                        Estate agents in the UK often use Reapit, Alto or Street.co.uk as their CRM.

                        - Reapit: Used by large agency groups.
                        - Street.co.uk: Popular with independent agents.""");
        assertThat(answer.sources())
                .extracting(EngineSource::url, EngineSource::cited)
                .containsExactly(
                        tuple("https://www.agents.example.co.uk/crm", true),
                        tuple("https://www.reapit.example/", true),
                        tuple("https://www.alto.example/", false));
        assertThat(answer.usage().searchCalls()).isEqualTo(2);
        JsonNode raw = JSON.readTree(answer.raw());
        assertThat(raw.path("search").path("ai_overview").path("page_token").stringValue())
                .isEqualTo(token);
        assertThat(raw.path("ai_overview")
                        .path("ai_overview")
                        .path("text_blocks")
                        .isArray())
                .isTrue();
        assertThat(answer.raw()).doesNotContain(KEY);
    }

    @Test
    void aLazyOverviewThatNeverCameIsNoOverviewAfterTwoCalls() {
        serp.stubFor(search("google", "crm for estate agents").willReturn(okJson(fixture("overview-page-token.json"))));
        serp.stubFor(get(urlPathEqualTo("/search.json"))
                .withQueryParam("engine", equalTo("google_ai_overview"))
                .willReturn(okJson(fixture("no-results.json"))));

        EngineAnswer answer = engine(Surface.AI_OVERVIEW).ask(question("crm for estate agents", "en", "GB"));

        assertThat(answer.text()).isNull();
        assertThat(answer.noAnswerReason()).isEqualTo("no-ai-overview");
        assertThat(answer.usage().searchCalls()).isEqualTo(2);
    }

    @Test
    void aFailedFollowUpMayHaveBeenBilledForTheSearchBeforeIt() {
        serp.stubFor(search("google", "crm for estate agents").willReturn(okJson(fixture("overview-page-token.json"))));
        serp.stubFor(get(urlPathEqualTo("/search.json"))
                .withQueryParam("engine", equalTo("google_ai_overview"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"Internal error.\"}")));

        assertThatThrownBy(() -> engine(Surface.AI_OVERVIEW).ask(question("crm for estate agents", "en", "GB")))
                .isInstanceOfSatisfying(EngineFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR);
                    assertThat(failure.possiblyBilled()).isTrue();
                });
    }

    @Test
    void aSearchWithoutAnOverviewIsAValidAnswerWithoutText() {
        serp.stubFor(search("google", "acme widgets opening hours").willReturn(okJson(fixture("no-overview.json"))));
        serp.stubFor(search("google", "zzqx unlikely brand query").willReturn(okJson(fixture("no-results.json"))));

        EngineAnswer without = engine(Surface.AI_OVERVIEW).ask(question("acme widgets opening hours", "en", "US"));
        EngineAnswer nothing = engine(Surface.AI_OVERVIEW).ask(question("zzqx unlikely brand query", "en", "US"));

        for (EngineAnswer answer : new EngineAnswer[] {without, nothing}) {
            assertThat(answer.text()).isNull();
            assertThat(answer.noAnswerReason()).isEqualTo("no-ai-overview");
            assertThat(answer.sources()).isEmpty();
            assertThat(answer.usage().searchCalls()).isEqualTo(1);
        }
        assertThat(without.searchQueries()).containsExactly("acme widgets opening hours");
        assertThat(nothing.raw()).contains("Google hasn't returned any results");
        serp.verify(
                0,
                getRequestedFor(urlPathEqualTo("/search.json"))
                        .withQueryParam("engine", equalTo("google_ai_overview")));
    }

    @Test
    void aiModeIsItsOwnEngineWithTheBlocksAtTheTopLevel() {
        serp.stubFor(
                search("google_ai_mode", "meilleur crm petite entreprise").willReturn(okJson(fixture("ai-mode.json"))));

        EngineAnswer answer = engine(Surface.AI_MODE).ask(question("meilleur crm petite entreprise", "fr", "BE"));

        serp.verify(getRequestedFor(urlPathEqualTo("/search.json"))
                .withQueryParam("engine", equalTo("google_ai_mode"))
                .withQueryParam("gl", equalTo("be"))
                .withQueryParam("hl", equalTo("fr"))
                .withQueryParam("api_key", equalTo(KEY)));
        assertThat(answer.text()).isEqualTo("""
                        HubSpot et Pipedrive sont les CRM les plus cités pour les petites entreprises en Belgique.

                        - HubSpot : offre gratuite, prise en main rapide.
                        - Teamleader : conçu en Belgique, facturation intégrée.""");
        assertThat(answer.sources())
                .containsExactly(
                        EngineSource.cited("https://www.example.be/crm", "Meilleurs CRM 2026"),
                        EngineSource.cited("https://www.teamleader.example/fr", "Teamleader"),
                        EngineSource.cited("https://www.comparatif.example.fr/pipedrive", "Comparatif Pipedrive"),
                        EngineSource.consulted("https://www.odoo.example/crm", "Odoo CRM"));
        assertThat(answer.usage().searchCalls()).isEqualTo(1);
        assertThat(answer.searchQueries()).isEmpty();
    }

    @Test
    void anAiModeAnswerWithoutTextIsEmpty() {
        serp.stubFor(search("google_ai_mode", "nothing here")
                .willReturn(okJson("{\"search_metadata\":{\"status\":\"Success\"},\"text_blocks\":[]}")));
        serp.stubFor(
                search("google_ai_mode", "zzqx unlikely brand query").willReturn(okJson(fixture("no-results.json"))));

        for (String query : new String[] {"nothing here", "zzqx unlikely brand query"}) {
            EngineAnswer answer = engine(Surface.AI_MODE).ask(question(query, "en", "US"));
            assertThat(answer.text()).as(query).isNull();
            assertThat(answer.noAnswerReason()).as(query).isEqualTo("empty");
        }
    }

    @Test
    void theLocaleIsSpeltAsGoogleSpellsIt() {
        serp.stubFor(get(urlPathEqualTo("/search.json")).willReturn(okJson(fixture("no-overview.json"))));

        engine(Surface.AI_OVERVIEW).ask(question("best crm", "en", "GB"));
        engine(Surface.AI_OVERVIEW).ask(question("最好的客户关系管理软件", "zh-cn", "CN"));
        engine(Surface.AI_MODE).ask(question("melhor crm", "pt_br", "BR"));

        serp.verify(getRequestedFor(urlPathEqualTo("/search.json"))
                .withQueryParam("q", equalTo("best crm"))
                .withQueryParam("gl", equalTo("uk"))
                .withQueryParam("hl", equalTo("en")));
        serp.verify(getRequestedFor(urlPathEqualTo("/search.json"))
                .withQueryParam("q", equalTo("最好的客户关系管理软件"))
                .withQueryParam("gl", equalTo("cn"))
                .withQueryParam("hl", equalTo("zh-CN")));
        serp.verify(getRequestedFor(urlPathEqualTo("/search.json"))
                .withQueryParam("q", equalTo("melhor crm"))
                .withQueryParam("gl", equalTo("br"))
                .withQueryParam("hl", equalTo("pt-BR")));
    }

    @Test
    void aQueryIsSentWholeWhateverItsCharacters() {
        serp.stubFor(get(urlPathEqualTo("/search.json")).willReturn(okJson(fixture("no-overview.json"))));

        engine(Surface.AI_OVERVIEW).ask(question("c++ & crm = 100%?#x", "en", "US"));

        serp.verify(getRequestedFor(urlPathEqualTo("/search.json"))
                .withQueryParam("q", equalTo("c++ & crm = 100%?#x"))
                .withQueryParam("engine", equalTo("google")));
    }

    @Test
    void eachErrorMeansItsKind() {
        failsAs(
                aResponse().withStatus(429).withBody("{\"error\":\"Your account has run out of searches.\"}"),
                failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.OUT_OF_CREDIT);
                    assertThat(failure.getMessage()).isEqualTo("Your account has run out of searches.");
                    assertThat(failure.status()).isEqualTo(429);
                });
        failsAs(
                aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "30")
                        .withBody("{\"error\":\"You have reached your hourly searches limit.\"}"),
                failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.RATE_LIMITED);
                    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                });
        failsAs(aResponse().withStatus(429).withBody("{\"error\":\"Too many requests.\"}"), failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.RATE_LIMITED);
            assertThat(failure.retryAfter()).isNull();
        });
        failsAs(
                aResponse()
                        .withStatus(401)
                        .withBody(
                                "{\"error\":\"Invalid API key. Your API key should be here: https://serp.example/manage-api-key\"}"),
                failure -> assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.REFUSED_CREDENTIALS));
        failsAs(
                aResponse().withStatus(403).withBody("{\"error\":\"This account is disabled.\"}"),
                failure -> assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.REFUSED_CREDENTIALS));
        failsAs(
                aResponse()
                        .withStatus(400)
                        .withBody("{\"error\":\"Unsupported `xx` country for the `gl` parameter.\"}"),
                failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.BAD_REQUEST);
                    assertThat(failure.getMessage()).isEqualTo("Unsupported `xx` country for the `gl` parameter.");
                    assertThat(failure.possiblyBilled()).isFalse();
                });
        failsAs(
                aResponse().withStatus(500).withBody("{\"error\":\"Internal error.\"}"),
                failure -> assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR));
        failsAs(
                aResponse().withStatus(503).withBody("{\"error\":\"Service unavailable.\"}"),
                failure -> assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.OVERLOADED));
        failsAs(aResponse().withStatus(502).withBody("<html><body>Bad gateway</body></html>"), failure -> {
            assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR);
            assertThat(failure.getMessage()).contains("502");
        });
    }

    @Test
    void anErrorInASuccessfulAnswerIsClassifiedToo() {
        failsAs(
                okJson(
                        "{\"search_metadata\":{\"status\":\"Error\"},\"error\":\"Your account has run out of searches.\"}"),
                failure -> assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.OUT_OF_CREDIT));
        failsAs(
                okJson("{\"search_metadata\":{\"status\":\"Error\"},\"error\":\"Couldn't get valid results.\"}"),
                failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR);
                    assertThat(failure.getMessage()).isEqualTo("Couldn't get valid results.");
                });
        failsAs(
                okJson("{\"search_metadata\":{\"status\":\"Error\"}}"),
                failure -> assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR));
        failsAs(
                aResponse().withStatus(200).withBody("not json"),
                failure -> assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR));
    }

    @Test
    void noAnswerInTimeIsATimeOut() {
        serp.stubFor(get(urlPathEqualTo("/search.json"))
                .willReturn(okJson(fixture("overview.json")).withFixedDelay(1500)));

        assertThatThrownBy(() ->
                        engine(Surface.AI_OVERVIEW, Duration.ofMillis(300)).ask(question("slow", "en", "US")))
                .isInstanceOfSatisfying(EngineFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.TIMEOUT);
                    assertThat(failure.possiblyBilled()).isTrue();
                    assertThat(failure.getMessage()).doesNotContain(KEY);
                });
    }

    @Test
    void theKeyIsNeverInAMessageNorInTheRawAnswer() {
        String echoed = "https://serp.example/search.json?engine=google&q=x&api_key=" + KEY;
        failsAs(
                aResponse().withStatus(400).withBody("{\"error\":\"Invalid request: " + echoed + "\"}"),
                failure -> assertThat(failure.getMessage()).doesNotContain(KEY).contains("[api-key]"));
        failsAs(
                aResponse().withStatus(502).withBody("<html>upstream " + echoed + "</html>"),
                failure -> assertThat(failure.getMessage()).doesNotContain(KEY));
        failsAs(
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                failure -> assertThat(failure.getMessage()).doesNotContain(KEY));

        serp.resetAll();
        serp.stubFor(
                get(urlPathEqualTo("/search.json"))
                        .willReturn(
                                okJson(
                                        "{\"search_metadata\":{\"status\":\"Success\",\"json_endpoint\":\"" + echoed
                                                + "\"},\"ai_overview\":{\"text_blocks\":[{\"type\":\"paragraph\",\"snippet\":\"HubSpot.\"}]}}")));
        EngineAnswer answer = engine(Surface.AI_OVERVIEW).ask(question("x", "en", "US"));
        assertThat(answer.raw()).doesNotContain(KEY).contains("[api-key]");
        assertThat(JSON.readTree(answer.raw()).isObject()).isTrue();
        assertThat(new SerpApiEngine(
                                new EngineEndpoint(URI.create(serp.baseUrl()), KEY, Duration.ofSeconds(1)),
                                CLOCK,
                                Surface.AI_MODE)
                        .toString())
                .doesNotContain(KEY);
    }

    @Test
    void aProviderKeyNamesItsSurface() {
        assertThat(Surface.ofProvider("ai-overview")).isEqualTo(Surface.AI_OVERVIEW);
        assertThat(Surface.ofProvider("ai-overview2")).isEqualTo(Surface.AI_OVERVIEW);
        assertThat(Surface.ofProvider("ai-mode3")).isEqualTo(Surface.AI_MODE);
        assertThatThrownBy(() -> Surface.ofProvider("openai")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Asks a question the stub answers with {@code response}, on each surface, and checks the failure. */
    private static void failsAs(ResponseDefinitionBuilder response, Consumer<EngineFailure> check) {
        serp.resetAll();
        serp.stubFor(get(urlPathEqualTo("/search.json")).willReturn(response));
        for (Surface surface : Surface.values()) {
            assertThatThrownBy(() -> engine(surface).ask(question("best crm", "en", "US")))
                    .as("%s", surface)
                    .isInstanceOfSatisfying(EngineFailure.class, failure -> {
                        check.accept(failure);
                        assertThat(failure.getMessage()).doesNotContain(KEY);
                    });
        }
    }
}
