package io.cachedjobs.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.execution.RecordedAnswers;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.tenancy.ProjectScope;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Answers recorded through the runner's recording path are analysed in its transaction; a change to
 * the entities has them derived again by the background task (called here directly: the runner is off
 * in these tests), with the new version on every row.
 */
class ExtractionApiTest extends ApiTest {

    static final String ANSWER = """
            For a small team, **HubSpot CRM** is the usual start [1]. [Pipedrive](https://www.pipedrive.com/?utm_source=ai)
            suits visual sellers [2], and Acme CRM is the cheapest ([acme.example](https://acme.example/pricing)).
            Pipe Drive fans say the same of Zoho.""";

    /** A title with what array literals must escape. */
    static final String TITLE = "The \"best\" CRM, {2026} \\ NULL";

    @Autowired
    ApplicationContext context;

    @Autowired
    AnswerDerivation derivation;

    RecordedAnswers answers;
    UUID organisation;
    UUID project;
    String job;
    Map<String, String> ids;

    @BeforeEach
    void project() {
        answers = new RecordedAnswers(context);
        organisation = createOrganisation("Analysis Org");
        project = UUID.fromString(api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of("name", "Acme CRM", "website", "https://acme.example"))
                .send()
                .json()
                .get("id")
                .asString());
        ids = new java.util.HashMap<>();
        ids.put("Acme CRM", entityList().at("/results/0/id").asString());
        ids.put("HubSpot", entity(Map.of("name", "HubSpot", "domains", List.of("hubspot.com"), "isCompetitor", true)));
        ids.put("Pipedrive", entity(Map.of("name", "Pipedrive", "domains", List.of("pipedrive.com"))));
        ids.put("Salesforce", entity(Map.of("name", "Salesforce")));
        createQueries(organisation, project, "best crm", "en", "US");
        job = triggerFirstJob(organisation, project);
    }

    private JsonNode entityList() {
        return api.post("/api/entities/list")
                .scope(organisation, project)
                .body("{}")
                .send()
                .json();
    }

    private String entity(Map<String, ?> body) {
        Api.Response response = api.post("/api/entities")
                .scope(organisation, project)
                .json(body)
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private JsonNode status(ProjectScope scope) {
        return api.get("/api/analysis/status").scope(scope).send().json();
    }

    private JsonNode status() {
        return status(new ProjectScope(organisation, project));
    }

    /** The answer's row of an entity: present, mention_count, first_offset, rank, cited, in_sources, versions. */
    private Map<String, Object> row(UUID execution, String entity) {
        return jdbc.queryForMap(
                "select present, mention_count, first_offset, rank, cited, in_sources, entities_version,"
                        + " algorithm_version from answer_entities where execution_id = ? and entity_id = ?::uuid",
                execution,
                ids.get(entity));
    }

    private static List<EngineSource> sources() {
        return List.of(
                EngineSource.cited("https://blog.hubspot.com/sales/crm?utm_campaign=x", TITLE),
                EngineSource.consulted("https://www.pipedrive.com/en/pricing", null),
                EngineSource.cited("https://www.example.co.uk/review#top", "Review"));
    }

    @Test
    void aRecordedAnswerIsAnalysedForEveryEntityOfItsProjectInTheSameTransaction() {
        UUID execution = answers.record(job, "gpt-4.1-mini", 1, ANSWER, sources());

        long version = status().get("entitiesVersion").asLong();
        assertThat(version).isEqualTo(4);
        String cleaned = AnswerText.clean(ANSWER);
        assertThat(row(execution, "HubSpot"))
                .containsEntry("present", true)
                .containsEntry("mention_count", 1)
                .containsEntry("first_offset", cleaned.indexOf("HubSpot"))
                .containsEntry("rank", 1)
                .containsEntry("cited", true)
                .containsEntry("in_sources", true)
                .containsEntry("entities_version", version)
                .containsEntry("algorithm_version", Extraction.ALGORITHM_VERSION);
        assertThat(row(execution, "Pipedrive"))
                .containsEntry("rank", 2)
                .containsEntry("cited", false)
                .containsEntry("in_sources", true);
        assertThat(row(execution, "Acme CRM")).containsEntry("rank", 3).containsEntry("mention_count", 1);
        assertThat(row(execution, "Salesforce"))
                .containsEntry("present", false)
                .containsEntry("mention_count", 0)
                .containsEntry("rank", null)
                .containsEntry("first_offset", null);
        assertThat(jdbc.queryForList(
                        "select domain || ' ' || host || ' ' || cited || ' ' || cardinality(entity_ids)"
                                + " from answer_sources where execution_id = ? order by position",
                        String.class,
                        execution))
                .containsExactly(
                        "hubspot.com blog.hubspot.com true 1",
                        "pipedrive.com pipedrive.com false 1",
                        "example.co.uk example.co.uk true 0");
        assertThat(jdbc.queryForList(
                        "select title from answer_sources where execution_id = ? order by position",
                        String.class,
                        execution))
                .containsExactly(TITLE, null, "Review");
        assertThat(jdbc.queryForMap(
                        "select model, has_text, source_count, cited_source_count, query_id = (select query_id"
                                + " from job_executions where id = ?) as same_query from answer_analyses"
                                + " where execution_id = ?",
                        execution,
                        execution))
                .containsEntry("model", "gpt-4.1-mini")
                .containsEntry("has_text", true)
                .containsEntry("source_count", 3)
                .containsEntry("cited_source_count", 2)
                .containsEntry("same_query", true);
        assertThat(status().toString())
                .isEqualTo("{\"entitiesVersion\":4,\"algorithmVersion\":1,\"answers\":1,\"pendingAnswers\":0,"
                        + "\"upToDate\":true}");
    }

    @Test
    void anAnswerWithoutTextIsAnAnswerThatNamesNobody() {
        UUID execution = answers.record(job, "ai-overview", 1, null, List.of());

        assertThat(jdbc.queryForObject(
                        "select has_text from answer_analyses where execution_id = ?", Boolean.class, execution))
                .isFalse();
        assertThat(jdbc.queryForObject(
                        "select count(*) from answer_entities where execution_id = ? and not present",
                        Integer.class,
                        execution))
                .isEqualTo(4);
    }

    @Test
    void changingAnAliasDerivesTheHistoryAgainInTheBackgroundWithTheNewVersion() {
        UUID first = answers.record(job, "gpt-4.1-mini", 1, ANSWER, sources());
        UUID second = answers.record(job, "claude-haiku-4-5", 2, "Pipe Drive, then Salesforce.", List.of());
        assertThat(row(first, "Pipedrive")).containsEntry("mention_count", 1);
        assertThat(row(second, "Pipedrive")).containsEntry("present", false);
        int executions = count("job_executions", "project_id", project);

        JsonNode changed = api.method("PATCH", "/api/entities/" + ids.get("Pipedrive"))
                .scope(organisation, project)
                .json(Map.of("aliases", List.of("Pipe Drive")))
                .send()
                .json();
        long version = changed.get("entitiesVersion").asLong();
        assertThat(status().get("entitiesVersion").asLong()).isEqualTo(version);
        assertThat(status().get("pendingAnswers").asInt()).isEqualTo(2);
        assertThat(status().get("upToDate").asBoolean()).isFalse();

        assertThat(derivation.deriveDue()).isGreaterThanOrEqualTo(2);

        assertThat(row(first, "Pipedrive"))
                .containsEntry("mention_count", 2)
                .containsEntry("entities_version", version);
        assertThat(row(second, "Pipedrive"))
                .containsEntry("present", true)
                .containsEntry("rank", 1)
                .containsEntry("entities_version", version);
        assertThat(row(second, "Salesforce")).containsEntry("rank", 2);
        assertThat(jdbc.queryForObject(
                        "select count(*) from answer_entities where project_id = ? and entities_version <> ?",
                        Integer.class,
                        project,
                        version))
                .isZero();
        assertThat(status().get("pendingAnswers").asInt()).isZero();
        // Read again from the stored answers: no execution was made or sent again.
        assertThat(count("job_executions", "project_id", project)).isEqualTo(executions);
        assertThat(jdbc.queryForObject(
                        "select max(attempt) from job_executions where project_id = ?", Integer.class, project))
                .isEqualTo(1);
    }

    @Test
    void anEntityAddedOrDeletedIsInOrOutOfEveryAnswerOnceDerivedAgain() {
        UUID execution = answers.record(job, "gpt-4.1-mini", 1, ANSWER, sources());

        String zoho = entity(Map.of("name", "Zoho"));
        api.method("DELETE", "/api/entities/" + ids.get("Salesforce"))
                .scope(organisation, project)
                .send();
        assertThat(jdbc.queryForObject(
                        "select count(*) from answer_entities where entity_id = ?::uuid",
                        Integer.class,
                        ids.get("Salesforce")))
                .isZero();
        derivation.deriveDue();

        assertThat(jdbc.queryForMap(
                        "select present, rank from answer_entities where execution_id = ? and entity_id = ?::uuid",
                        execution,
                        zoho))
                .containsEntry("present", true)
                .containsEntry("rank", 4);
        assertThat(jdbc.queryForObject(
                        "select count(*) from answer_entities where execution_id = ?", Integer.class, execution))
                .isEqualTo(4);
        assertThat(status().get("upToDate").asBoolean()).isTrue();
    }

    /** Makes PostgreSQL refuse the derived rows of answers of {@code model}, until closed. */
    private AutoCloseable failingRowsOf(String model) {
        String name = "fail_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("create function " + name + "() returns trigger language plpgsql as $$ begin" + " if new.model = '"
                + model + "' then raise exception 'injected fault'; end if; return new; end $$");
        jdbc.execute("create trigger " + name + " before insert on answer_entities for each row execute function "
                + name + "()");
        return () -> {
            jdbc.execute("drop trigger " + name + " on answer_entities");
            jdbc.execute("drop function " + name + "()");
        };
    }

    @Test
    void anAnalysisThatFailsNeverFailsTheRecordingAndIsLeftToTheBackgroundTask() throws Exception {
        UUID execution;
        try (AutoCloseable fault = failingRowsOf("boom")) {
            execution = answers.record(job, "boom", 1, ANSWER, sources());
        }

        assertThat(jdbc.queryForObject("select status from job_executions where id = ?", String.class, execution))
                .isEqualTo("success");
        assertThat(jdbc.queryForObject(
                        "select entities_version from answer_analyses where execution_id = ?", Long.class, execution))
                .isEqualTo(-1);
        assertThat(status().get("pendingAnswers").asInt()).isEqualTo(1);

        derivation.deriveDue();

        assertThat(row(execution, "HubSpot")).containsEntry("present", true);
        assertThat(status().get("upToDate").asBoolean()).isTrue();
    }

    @Test
    void anAnswerTheDerivationFailsOnHoldsNoOtherBackAndIsDerivedOnceItCanBe() throws Exception {
        UUID poison;
        try (AutoCloseable fault = failingRowsOf("poison")) {
            poison = answers.record(job, "poison", 1, ANSWER, sources());
            UUID good = answers.record(job, "gpt-4.1-mini", 2, ANSWER, sources());
            long version = api.method("PATCH", "/api/entities/" + ids.get("Salesforce"))
                    .scope(organisation, project)
                    .json(Map.of("aliases", List.of("Zoho")))
                    .send()
                    .json()
                    .get("entitiesVersion")
                    .asLong();

            derivation.deriveDue();

            assertThat(row(good, "Salesforce"))
                    .containsEntry("present", true)
                    .containsEntry("entities_version", version);
            assertThat(status().get("pendingAnswers").asInt()).isEqualTo(1);
        }

        derivation.deriveDue();

        assertThat(row(poison, "Salesforce")).containsEntry("present", true);
        assertThat(status().get("upToDate").asBoolean()).isTrue();
    }

    @Test
    void anotherProjectOrOrganisationGetsNoStatusOfTheProject() {
        for (ProjectScope scope : foreignScopes(organisation, project)) {
            Api.Response response = api.get("/api/analysis/status").scope(scope).send();
            if (response.status() == 200) {
                assertThat(scope.projectId()).isNotEqualTo(project);
                assertThat(response.json().get("answers").asInt()).isZero();
            } else {
                assertProblem(response, refusal(scope));
            }
        }
    }
}
