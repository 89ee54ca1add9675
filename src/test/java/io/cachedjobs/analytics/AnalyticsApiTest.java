package io.cachedjobs.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.execution.RecordedAnswers;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each figure on a small dataset whose values are computed by hand below: four answers to two
 * queries over two days, from two models, naming the project's brand and two competitors.
 *
 * <pre>
 * A1 Q1 (en, US) gpt-4.1-mini     2026-11-02T10:00Z  Acme x2 (rank 1), HubSpot (rank 2)    cites blog.hubspot.com, acmecrm.com
 * A2 Q1 (en, US) claude-haiku-4-5 2026-11-02T23:30Z  HubSpot (rank 1), Pipedrive (rank 2)  cites g2.com/x; consulted pipedrive.com
 * A3 Q2 (fr, FR) gpt-4.1-mini     2026-11-03T08:00Z  Acme (rank 1), Pipedrive (rank 2)     cites g2.com/y, g2.com/x
 * A4 Q2 (fr, FR) gpt-4.1-mini     2026-11-03T12:00Z  nobody                                no sources
 * </pre>
 */
class AnalyticsApiTest extends ApiTest {

    static final String MINI = "gpt-4.1-mini";
    static final String HAIKU = "claude-haiku-4-5";

    @Autowired
    ApplicationContext context;

    @Autowired
    JsonMapper json;

    UUID organisation;
    UUID project;
    List<UUID> queries;
    Map<String, String> entities = new HashMap<>();
    Map<String, UUID> answers = new HashMap<>();

    @BeforeEach
    void dataset() {
        organisation = createOrganisation("Analytics Org");
        Api.Response created = api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of("name", "Acme CRM", "website", "https://www.acmecrm.com"))
                .send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        project = UUID.fromString(created.json().get("id").asString());
        entities.put(
                "Acme CRM",
                api.post("/api/entities/list")
                        .scope(organisation, project)
                        .body("{}")
                        .send()
                        .json()
                        .at("/results/0/id")
                        .asString());
        entities.put("HubSpot", entity("HubSpot", "hubspot.com"));
        entities.put("Pipedrive", entity("Pipedrive", "pipedrive.com"));
        queries = createQueries(organisation, project, "best crm", "en", "US", "meilleur crm", "fr", "FR");
        Map<UUID, String> jobs = new HashMap<>();
        for (JsonNode job : api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .body("{}")
                .send()
                .json()) {
            jobs.put(
                    UUID.fromString(job.get("query_id").asString()),
                    job.get("id").asString());
        }
        RecordedAnswers recorded = new RecordedAnswers(context);
        answer(
                recorded,
                "A1",
                jobs.get(queries.get(0)),
                MINI,
                "2026-11-02T10:00:00Z",
                "Acme CRM is great. HubSpot is popular. Acme CRM again [1].",
                EngineSource.cited("https://blog.hubspot.com/a", "HubSpot blog"),
                EngineSource.cited("https://www.acmecrm.com/pricing", "Pricing"));
        answer(
                recorded,
                "A2",
                jobs.get(queries.get(0)),
                HAIKU,
                "2026-11-02T23:30:00Z",
                "HubSpot and Pipedrive lead.",
                EngineSource.cited("https://www.g2.com/x", "G2 X"),
                EngineSource.consulted("https://www.pipedrive.com/p", null));
        answer(
                recorded,
                "A3",
                jobs.get(queries.get(1)),
                MINI,
                "2026-11-03T08:00:00Z",
                "Acme CRM, puis Pipedrive.",
                EngineSource.cited("https://www.g2.com/y", "G2 Y"),
                EngineSource.cited("https://www.g2.com/x", "G2 X"));
        answer(recorded, "A4", jobs.get(queries.get(1)), MINI, "2026-11-03T12:00:00Z", "Aucune marque ici.");
    }

    private String entity(String name, String domain) {
        Api.Response response = api.post("/api/entities")
                .scope(organisation, project)
                .json(Map.of("name", name, "domains", List.of(domain), "isCompetitor", true))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    /** Records an answer through the runner's recording path, then dates its derived rows. */
    private void answer(
            RecordedAnswers recorded,
            String name,
            String job,
            String model,
            String at,
            String text,
            EngineSource... sources) {
        UUID id = recorded.record(job, model, answers.size() + 1, text, List.of(sources));
        Timestamp time = Timestamp.from(Instant.parse(at));
        for (String table : List.of("answer_analyses", "answer_entities", "answer_sources")) {
            jdbc.update("update " + table + " set answered_at = ? where execution_id = ?", time, id);
        }
        answers.put(name, id);
    }

    private JsonNode figure(String path, String body) {
        Api.Response response = api.post("/api/analytics" + path)
                .scope(organisation, project)
                .body(body)
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static final String NOVEMBER = "\"from\":\"2026-11-01\",\"to\":\"2026-12-01\"";

    /** The row of {@code entity} (and {@code model}, null for the overall rows) in {@code rows}. */
    private JsonNode row(JsonNode rows, String entity, String model) {
        for (JsonNode row : rows) {
            boolean sameModel = model == null
                    ? row.get("model").isNull()
                    : model.equals(row.get("model").asString());
            if (row.at("/entity/entityId").asString().equals(entities.get(entity)) && sameModel) {
                return row;
            }
        }
        throw new AssertionError("no row of " + entity + " / " + model + " in " + rows);
    }

    @Test
    void visibilityPerDayIsTheShareOfAnswersNamingTheEntityWithItsWilsonInterval() {
        JsonNode points = figure("/visibility/timeseries", "{" + NOVEMBER + "}").get("points");

        // Day 1: A1, A2. Day 2: A3, A4. Three entities a day.
        assertThat(points).hasSize(6);
        JsonNode acme = points.get(0).at("/entity/name").asString().equals("Acme CRM") ? points.get(0) : null;
        assertThat(acme).isNotNull();
        assertThat(acme.get("bucket").asString()).isEqualTo("2026-11-02");
        assertThat(acme.get("totalResponses").asLong()).isEqualTo(2);
        assertThat(acme.get("presentIn").asLong()).isEqualTo(1);
        assertThat(acme.get("visibilityPct").asDouble()).isEqualTo(50.0);
        // Wilson, 1 of 2 at 95%: 9.45% to 90.55%.
        assertThat(acme.at("/interval/low").asDouble()).isEqualTo(9.45);
        assertThat(acme.at("/interval/high").asDouble()).isEqualTo(90.55);
        JsonNode hubspotDay1 = points.get(1).at("/entity/name").asString().equals("HubSpot") ? points.get(1) : null;
        assertThat(hubspotDay1).isNotNull();
        // 2 of 2: 34.24% to 100%.
        assertThat(hubspotDay1.get("visibilityPct").asDouble()).isEqualTo(100.0);
        assertThat(hubspotDay1.at("/interval/low").asDouble()).isEqualTo(34.24);
        assertThat(hubspotDay1.at("/interval/high").asDouble()).isEqualTo(100.0);
        JsonNode hubspotDay2 = points.get(4);
        assertThat(hubspotDay2.get("bucket").asString()).isEqualTo("2026-11-03");
        assertThat(hubspotDay2.at("/entity/name").asString()).isEqualTo("HubSpot");
        // 0 of 2: 0% to 65.76%.
        assertThat(hubspotDay2.get("presentIn").asLong()).isZero();
        assertThat(hubspotDay2.at("/interval/low").asDouble()).isEqualTo(0.0);
        assertThat(hubspotDay2.at("/interval/high").asDouble()).isEqualTo(65.76);
    }

    @Test
    void bucketsAreTakenInTheTimeZoneAndWeeksStartOnMonday() {
        // In Tokyo (UTC+9), A2 (23:30 UTC on the 2nd) is on the 3rd: day 1 holds A1 alone.
        JsonNode tokyo = figure(
                        "/visibility/timeseries",
                        "{" + NOVEMBER + ",\"timezone\":\"Asia/Tokyo\",\"entityIds\":[\"" + entities.get("Acme CRM")
                                + "\"]}")
                .get("points");
        assertThat(tokyo).hasSize(2);
        assertThat(tokyo.get(0).get("totalResponses").asLong()).isEqualTo(1);
        assertThat(tokyo.get(0).get("presentIn").asLong()).isEqualTo(1);
        // A2, A3, A4: Acme in A3 only, 1 of 3: 6.15% to 79.23%.
        assertThat(tokyo.get(1).get("bucket").asString()).isEqualTo("2026-11-03");
        assertThat(tokyo.get(1).get("totalResponses").asLong()).isEqualTo(3);
        assertThat(tokyo.get(1).get("visibilityPct").asDouble()).isEqualTo(33.33);
        assertThat(tokyo.get(1).at("/interval/low").asDouble()).isEqualTo(6.15);
        assertThat(tokyo.get(1).at("/interval/high").asDouble()).isEqualTo(79.23);

        JsonNode week = figure(
                        "/visibility/timeseries",
                        "{" + NOVEMBER + ",\"bucket\":\"week\",\"entityIds\":[\"" + entities.get("Acme CRM") + "\"]}")
                .get("points");
        // 2026-11-02 is a Monday: one week, Acme in 2 of 4 answers, 15% to 85%.
        assertThat(week).hasSize(1);
        assertThat(week.get(0).get("bucket").asString()).isEqualTo("2026-11-02");
        assertThat(week.get(0).get("presentIn").asLong()).isEqualTo(2);
        assertThat(week.get(0).get("totalResponses").asLong()).isEqualTo(4);
        assertThat(week.get(0).at("/interval/low").asDouble()).isEqualTo(15.0);
        assertThat(week.get(0).at("/interval/high").asDouble()).isEqualTo(85.0);
    }

    @Test
    void shareOfVoiceIsAnEntitysMentionsOverAllTrackedMentionsOverallAndPerModel() {
        JsonNode sov = figure("/visibility/share-of-voice", "{" + NOVEMBER + ",\"breakdown\":\"model\"}");

        // Mentions: Acme 2 (A1) + 1 (A3) = 3, HubSpot 1 + 1 = 2, Pipedrive 1 + 1 = 2; 7 in all.
        assertThat(sov.get("totalMentions").asLong()).isEqualTo(7);
        JsonNode brands = sov.get("brands");
        assertThat(row(brands, "Acme CRM", null).get("mentionCount").asLong()).isEqualTo(3);
        assertThat(row(brands, "Acme CRM", null).get("shareOfVoice").asDouble()).isEqualTo(42.86);
        assertThat(row(brands, "HubSpot", null).get("shareOfVoice").asDouble()).isEqualTo(28.57);
        assertThat(row(brands, "Pipedrive", null).get("totalMentions").asLong()).isEqualTo(7);
        // gpt-4.1-mini (A1, A3, A4): Acme 3, HubSpot 1, Pipedrive 1 of 5; claude (A2): HubSpot and Pipedrive 1 of 2.
        assertThat(row(brands, "Acme CRM", MINI).get("shareOfVoice").asDouble()).isEqualTo(60.0);
        assertThat(row(brands, "HubSpot", MINI).get("totalMentions").asLong()).isEqualTo(5);
        assertThat(row(brands, "Acme CRM", HAIKU).get("mentionCount").asLong()).isZero();
        assertThat(row(brands, "Pipedrive", HAIKU).get("shareOfVoice").asDouble())
                .isEqualTo(50.0);

        // A filter shrinks numerators and denominators: French answers only (A3, A4): Acme 1 of 2.
        JsonNode french = figure("/visibility/share-of-voice", "{" + NOVEMBER + ",\"countries\":[\"FR\"]}");
        assertThat(french.get("totalMentions").asLong()).isEqualTo(2);
        assertThat(row(french.get("brands"), "Acme CRM", null)
                        .get("shareOfVoice")
                        .asDouble())
                .isEqualTo(50.0);
        assertThat(row(french.get("brands"), "Acme CRM", null)
                        .get("totalResponses")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void theAverageRankIsTakenOverTheAnswersNamingTheEntity() {
        JsonNode rankings = figure("/rankings", "{" + NOVEMBER + "}").get("rankings");

        // Acme: 1 (A1), 1 (A3); HubSpot: 2 (A1), 1 (A2); Pipedrive: 2 (A2), 2 (A3).
        assertThat(row(rankings, "Acme CRM", null).get("avgRanking").asDouble()).isEqualTo(1.0);
        assertThat(row(rankings, "HubSpot", null).get("avgRanking").asDouble()).isEqualTo(1.5);
        assertThat(row(rankings, "HubSpot", null).get("rankSum").asLong()).isEqualTo(3);
        assertThat(row(rankings, "HubSpot", null).get("rankCount").asLong()).isEqualTo(2);
        assertThat(row(rankings, "Pipedrive", null).get("avgRanking").asDouble())
                .isEqualTo(2.0);

        JsonNode claude = figure("/rankings", "{" + NOVEMBER + ",\"models\":[\"" + HAIKU + "\"]}")
                .get("rankings");
        assertThat(row(claude, "Acme CRM", null).get("avgRanking").isNull()).isTrue();
        assertThat(row(claude, "Acme CRM", null).get("rankCount").asLong()).isZero();
    }

    @Test
    void queryStatsCountAnswersSourcesAndThePrimaryBrandsFiguresPerQuery() {
        JsonNode stats = figure("/queries/stats", "{" + NOVEMBER + "}").get("queries");

        assertThat(stats).hasSize(2);
        for (JsonNode query : stats) {
            boolean english =
                    query.get("queryId").asString().equals(queries.get(0).toString());
            assertThat(query.get("resultCount").asLong()).isEqualTo(2);
            // Q1: A1 and A2 have sources; Q2: A3 only.
            assertThat(query.get("sourcePresencePct").asDouble()).isEqualTo(english ? 100.0 : 50.0);
            assertThat(query.get("language").asString()).isEqualTo(english ? "en" : "fr");
            JsonNode acme = query.get("entities").get(0);
            assertThat(acme.at("/entity/name").asString()).isEqualTo("Acme CRM");
            assertThat(acme.get("presentIn").asLong()).isEqualTo(1);
            assertThat(acme.get("visibilityPct").asDouble()).isEqualTo(50.0);
            assertThat(acme.get("avgRanking").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void topDomainsAreRankedByCitationsWithTheirShareOfCitationsAndOfAnswers() {
        JsonNode top = figure("/sources/top-domains", "{" + NOVEMBER + "}");

        // Cited: g2.com 3 (A2, A3 twice), hubspot.com 1, acmecrm.com 1; pipedrive.com only consulted.
        assertThat(top.get("totalCitations").asLong()).isEqualTo(5);
        assertThat(top.get("totalResponses").asLong()).isEqualTo(4);
        JsonNode sources = top.get("sources");
        assertThat(sources).hasSize(3);
        assertThat(sources.get(0).get("domain").asString()).isEqualTo("g2.com");
        assertThat(sources.get(0).get("citationCount").asLong()).isEqualTo(3);
        assertThat(sources.get(0).get("citationShare").asDouble()).isEqualTo(60.0);
        assertThat(sources.get(0).get("resultCount").asLong()).isEqualTo(2);
        assertThat(sources.get(0).get("resultShare").asDouble()).isEqualTo(50.0);
        assertThat(sources.get(1).get("domain").asString()).isEqualTo("acmecrm.com");
        assertThat(sources.get(1).get("isOwned").asBoolean()).isTrue();
        assertThat(sources.get(1).get("entityIds").get(0).asString()).isEqualTo(entities.get("Acme CRM"));
        assertThat(sources.get(2).get("domain").asString()).isEqualTo("hubspot.com");
        assertThat(sources.get(2).get("resultShare").asDouble()).isEqualTo(25.0);

        JsonNode g2 = figure("/sources/domains/g2.com/urls", "{" + NOVEMBER + "}");
        assertThat(g2.get("domainCitations").asLong()).isEqualTo(3);
        assertThat(g2.get("urls").get(0).get("url").asString()).isEqualTo("https://www.g2.com/x");
        assertThat(g2.get("urls").get(0).get("citationCount").asLong()).isEqualTo(2);
        assertThat(g2.get("urls").get(0).get("citationShare").asDouble()).isEqualTo(66.67);
        assertThat(g2.get("urls").get(1).get("resultCount").asLong()).isEqualTo(1);
    }

    @Test
    void aQuerysResultsAreItsAnswersNewestFirstWithTheirEntitiesAndSources() {
        JsonNode page = figure("/queries/" + queries.get(0) + "/results?limit=1", "{" + NOVEMBER + "}");

        assertThat(page.at("/page/totalRecords").asLong()).isEqualTo(2);
        JsonNode a2 = page.get("results").get(0);
        assertThat(a2.get("executionId").asString()).isEqualTo(answers.get("A2").toString());
        assertThat(a2.get("text").asString()).isEqualTo("HubSpot and Pipedrive lead.");
        assertThat(a2.get("entities")).hasSize(3);
        assertThat(a2.get("entities").get(0).at("/entity/name").asString()).isEqualTo("HubSpot");
        assertThat(a2.get("entities").get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(a2.get("sources").get(1).get("entityIds").get(0).asString()).isEqualTo(entities.get("Pipedrive"));
    }

    @Test
    void theExportStreamsEveryAnswerWithItsDerivedRowsAndResumesAfterAGivenCursor() {
        List<JsonNode> first = export("{\"filters\":{" + NOVEMBER + "},\"limit\":3}");

        assertThat(first)
                .extracting(line -> line.get("executionId").asString())
                .containsExactly(
                        answers.get("A1").toString(),
                        answers.get("A2").toString(),
                        answers.get("A3").toString());
        JsonNode a1 = first.get(0);
        assertThat(a1.get("query").asString()).isEqualTo("best crm");
        assertThat(a1.get("model").asString()).isEqualTo(MINI);
        assertThat(a1.get("entities")).hasSize(3);
        assertThat(a1.get("sources")).hasSize(2);
        assertThat(a1.get("entitiesVersion").asLong()).isPositive();

        String cursor = first.get(2).get("cursor").asString();
        List<JsonNode> rest = export("{\"filters\":{" + NOVEMBER + "},\"limit\":3,\"cursor\":\"" + cursor + "\"}");
        // Fewer lines than the limit: the end.
        assertThat(rest)
                .extracting(line -> line.get("executionId").asString())
                .containsExactly(answers.get("A4").toString());

        Api.Response bad = api.post("/api/results/export")
                .scope(organisation, project)
                .body("{\"cursor\":\"not-a-cursor\"}")
                .send();
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("\"cursor\"");
    }

    private List<JsonNode> export(String body) {
        Api.Response response = api.post("/api/results/export")
                .scope(organisation, project)
                .header("Accept", "application/x-ndjson")
                .body(body)
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/x-ndjson");
        return response.body().lines().map(line -> json.readTree(line)).toList();
    }

    @Test
    void badFiltersAreProblemsNamingTheField() {
        assertProblem("/visibility/timeseries", "{\"timezone\":\"Mars/Olympus\"}", "timezone");
        assertProblem("/rankings", "{\"bucket\":\"week\"}", "bucket");
        assertProblem("/rankings", "{\"from\":\"2026-11-10\",\"to\":\"2026-11-01\"}", "from");
        assertProblem("/rankings", "{\"countries\":[\"france\"]}", "countries[0]");
        assertProblem("/rankings", "{\"entityIds\":[\"" + UUID.randomUUID() + "\"]}", "entityIds[0]");
        assertProblem("/sources/top-domains", "{\"size\":0}", "size");

        UUID strangersProject = createProject(organisation, "Other brand");
        UUID theirQuery = createQueries(organisation, strangersProject, "other", "en", "US")
                .get(0);
        assertThat(api.post("/api/analytics/queries/" + theirQuery + "/results")
                        .scope(organisation, project)
                        .body("{}")
                        .send()
                        .status())
                .isEqualTo(404);
    }

    private void assertProblem(String path, String body, String field) {
        Api.Response response = api.post("/api/analytics" + path)
                .scope(organisation, project)
                .body(body)
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"" + field + "\"");
    }
}
