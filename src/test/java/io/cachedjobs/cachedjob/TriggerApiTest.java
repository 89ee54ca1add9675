package io.cachedjobs.cachedjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.common.UuidV7;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.Seed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class TriggerApiTest extends ApiTest {

    private static final String TRIGGER = "/api/cached-jobs/trigger";
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Trigger Org");
        project = createProject(organisation, "Brand");
    }

    private Api.Response trigger(String body) {
        return api.post(TRIGGER).scope(organisation, project).body(body).send();
    }

    @Test
    void triggerCreatesOnePendingJobPerQueryInCreationOrder() {
        List<UUID> queries = createQueries(
                organisation, project, "best crm", "en", "US", "meilleur crm", "fr", "FR", "最好的CRM", "zh-cn", "CN");
        Instant before = Instant.now().minusSeconds(1);

        Api.Response response =
                trigger("{\"aiModels\":[\"openai\",\"anthropic\",\"google-generative-ai\"]," + "\"executionCount\":3}");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode jobs = response.json();
        assertThat(jobs.size()).isEqualTo(3);
        List<String> texts = List.of("best crm", "meilleur crm", "最好的CRM");
        List<String> languages = List.of("en", "fr", "zh-cn");
        List<String> countries = List.of("US", "FR", "CN");
        for (int i = 0; i < 3; i++) {
            JsonNode job = jobs.get(i);
            assertThat(job.propertyNames()).containsExactlyElementsOf(Seed.CACHED_JOB_ANSWER_FIELDS);
            assertThat(UUID.fromString(job.get("id").asString()).version()).isEqualTo(7);
            assertThat(job.get("project").asString()).isEqualTo(project.toString());
            assertThat(job.get("query_id").asString()).isEqualTo(queries.get(i).toString());
            assertThat(job.get("query").asString()).isEqualTo(texts.get(i));
            assertThat(strings(job.get("aiModels")))
                    .containsExactly("gpt-4.1-mini", "claude-haiku-4-5", "gemini-2.5-flash");
            assertThat(job.get("executionCount").isInt()).isTrue();
            assertThat(job.get("executionCount").asInt()).isEqualTo(3);
            assertThat(job.get("language").asString()).isEqualTo(languages.get(i));
            assertThat(job.get("country").asString()).isEqualTo(countries.get(i));
            assertThat(job.get("status").asString()).isEqualTo("pending");
            assertThat(job.get("restricted").asBoolean()).isFalse();
            assertThat(job.get("createdAt").asString()).matches(TIME);
            assertThat(job.get("updatedAt").asString())
                    .isEqualTo(job.get("createdAt").asString());
            assertThat(Instant.parse(job.get("createdAt").asString())).isAfter(before);
        }
        assertThat(count("cached_jobs", "project_id", project)).isEqualTo(3);
    }

    /**
     * The answer is read back a chunk of rows at a time after the write: across chunks it still
     * holds every job once, in the order the queries were created, with ids that follow that order
     * and that ids made afterwards by this process follow.
     */
    @Test
    void aTriggerLargerThanOneReadAnswersEveryJobInCreationOrder() {
        int size = CachedJobFastPaths.READ_CHUNK * 2 + 500;
        List<UUID> queries = new ArrayList<>();
        for (int from = 0; from < size; from += 1000) {
            List<String> entries = new ArrayList<>();
            for (int i = from; i < Math.min(size, from + 1000); i++) {
                entries.addAll(List.of("query " + i, "en", "US"));
            }
            queries.addAll(createQueries(organisation, project, entries.toArray(String[]::new)));
        }

        Api.Response response = trigger("{\"aiModels\":[\"openai\"],\"executionCount\":1}");
        UUID after = UuidV7.next();

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode jobs = response.json();
        assertThat(jobs.size()).isEqualTo(size);
        UUID previous = null;
        for (int i = 0; i < size; i++) {
            JsonNode job = jobs.get(i);
            UUID id = UUID.fromString(job.get("id").asString());
            assertThat(job.get("query_id").asString()).isEqualTo(queries.get(i).toString());
            assertThat(id.version()).isEqualTo(7);
            if (previous != null) {
                assertThat(id).isGreaterThan(previous);
            }
            previous = id;
        }
        assertThat(after).isGreaterThan(previous);
        assertThat(count("cached_jobs", "project_id", project)).isEqualTo(size);
    }

    @Test
    void triggeredJobsAreStoredAsAnswered() {
        createQueries(organisation, project, "best crm", "en", "US");
        JsonNode job = trigger("{\"aiModels\":[\"perplexity\"],\"executionCount\":7}")
                .json()
                .get(0);

        Api.Response read = api.get("/api/cached-jobs/" + job.get("id").asString())
                .scope(organisation, project)
                .send();

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(job);
    }

    @Test
    void triggerMapsKeysInRequestOrderEachModelOnce() {
        createQueries(organisation, project, "best crm", "en", "US");

        Api.Response response = trigger(
                "{\"aiModels\":[\"deepseek\",\"openai\",\"deepseek\",\"ai-mode\",\"openai\"],\"executionCount\":1}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(strings(response.json().get(0).get("aiModels")))
                .containsExactly("deepseek-v3.2-maas", "gpt-4.1-mini", "ai-mode");
    }

    @Test
    void everyCallCreatesNewJobs() {
        createQueries(organisation, project, "best crm", "en", "US", "top crm", "en", "GB");

        trigger("{\"aiModels\":[\"openai\"],\"executionCount\":1}");
        trigger("{\"aiModels\":[\"openai\"],\"executionCount\":1}");

        assertThat(count("cached_jobs", "project_id", project)).isEqualTo(4);
    }

    @Test
    void triggerMayBeLimitedToChosenQueries() {
        List<UUID> ids = createQueries(organisation, project, "a", "en", "US", "b", "en", "US", "c", "en", "US");

        JsonNode jobs = trigger("{\"aiModels\":[\"openai\"],\"executionCount\":1,\"queryIds\":[\"" + ids.get(2)
                        + "\",\"" + ids.get(0) + "\",\"" + ids.get(2) + "\"]}")
                .json();

        assertThat(jobs.size()).isEqualTo(2);
        assertThat(jobs.get(0).get("query").asString()).isEqualTo("a");
        assertThat(jobs.get(1).get("query").asString()).isEqualTo("c");
    }

    @Test
    void triggerOfQueriesOutsideTheProjectIsNotFoundAndWritesNothing() {
        List<UUID> ids = createQueries(organisation, project, "a", "en", "US");
        UUID otherProject = createProject(organisation, "Other");
        UUID foreign =
                createQueries(organisation, otherProject, "theirs", "en", "US").get(0);

        JsonNode problem = assertProblem(
                trigger("{\"aiModels\":[\"openai\"],\"executionCount\":1,\"queryIds\":[\"" + ids.get(0) + "\",\""
                        + foreign + "\"]}"),
                404);

        assertThat(errorFields(problem)).containsExactly("queryIds[1]");
        assertThat(errorFields(assertProblem(
                        trigger("{\"aiModels\":[\"openai\"],\"executionCount\":1,\"queryIds\":[]}"), 400)))
                .containsExactly("queryIds");
        assertThat(count("cached_jobs", "project_id", project)).isZero();
        assertThat(count("cached_jobs", "project_id", otherProject)).isZero();
    }

    @Test
    void fieldsLeftOutComeFromTheProjectsSettings() {
        UUID configured = UUID.fromString(api.post("/api/projects")
                .organisation(organisation)
                .body("{\"name\":\"Configured\",\"llmProviders\":[\"perplexity\",\"deepseek\"],\"executionCount\":4}")
                .send()
                .json()
                .get("id")
                .asString());
        createQueries(organisation, configured, "q", "en", "US");
        createQueries(organisation, project, "q", "en", "US");

        // A field sent as null counts as left out: many clients write unset optional fields so.
        for (String body : List.of("{}", "{\"aiModels\":null,\"executionCount\":null}")) {
            JsonNode job = api.post(TRIGGER)
                    .scope(organisation, configured)
                    .body(body)
                    .send()
                    .json()
                    .get(0);
            assertThat(strings(job.get("aiModels"))).containsExactly("sonar", "deepseek-v3.2-maas");
            assertThat(job.get("executionCount").asInt()).isEqualTo(4);
        }
        JsonNode mixed = api.post(TRIGGER)
                .scope(organisation, configured)
                .body("{\"executionCount\":9}")
                .send()
                .json()
                .get(0);
        assertThat(strings(mixed.get("aiModels"))).containsExactly("sonar", "deepseek-v3.2-maas");
        assertThat(mixed.get("executionCount").asInt()).isEqualTo(9);

        JsonNode defaults = trigger("{\"aiModels\":[\"anthropic\"]}").json().get(0);
        assertThat(strings(defaults.get("aiModels"))).containsExactly("claude-haiku-4-5");
        assertThat(defaults.get("executionCount").asInt()).isEqualTo(3);
        assertThat(strings(trigger("{}").json().get(0).get("aiModels")))
                .containsExactly("gpt-4.1-mini", "claude-haiku-4-5", "gemini-2.5-flash");
    }

    private long createTag(UUID projectId, String name) {
        return api.post("/api/tags")
                .scope(organisation, projectId)
                .json(Map.of("name", name, "color", "#112233"))
                .send()
                .json()
                .get("id")
                .asLong();
    }

    private UUID createTaggedQuery(String text, long... tagIds) {
        return UUID.fromString(api.post("/api/queries")
                .scope(organisation, project)
                .json(Map.of("query", text, "language", "en", "country", "US", "tagIds", tagIds))
                .send()
                .json()
                .get("id")
                .asString());
    }

    @Test
    void triggerMayBeLimitedToTaggedQueries() {
        long pricing = createTag(project, "pricing");
        long brand = createTag(project, "brand");
        long unused = createTag(project, "unused");
        UUID both = createTaggedQuery("both", pricing, brand);
        createTaggedQuery("untagged");
        UUID branded = createTaggedQuery("brand only", brand);

        JsonNode tagged = trigger("{\"aiModels\":[\"openai\"],\"tagIds\":[" + brand + "," + pricing + "]}")
                .json();
        assertThat(tagged.size()).isEqualTo(2);
        assertThat(tagged.get(0).get("query_id").asString()).isEqualTo(both.toString());
        assertThat(tagged.get(1).get("query_id").asString()).isEqualTo(branded.toString());

        JsonNode narrowed = trigger(
                        "{\"tagIds\":[" + pricing + "],\"queryIds\":[\"" + both + "\",\"" + branded + "\"]}")
                .json();
        assertThat(narrowed.size()).isEqualTo(1);
        assertThat(narrowed.get(0).get("query_id").asString()).isEqualTo(both.toString());

        assertThat(trigger("{\"tagIds\":[" + unused + "]}").body()).isEqualTo("[]");
    }

    @Test
    void triggerWithATagOfAnotherProjectIsRefusedAndWritesNothing() {
        createQueries(organisation, project, "q", "en", "US");
        long theirs = createTag(createProject(organisation, "Other"), "theirs");

        JsonNode problem = assertProblem(trigger("{\"tagIds\":[" + theirs + "]}"), 400);

        assertThat(errorFields(problem)).containsExactly("tagIds[0]");
        assertThat(errorFields(assertProblem(trigger("{\"tagIds\":[]}"), 400))).containsExactly("tagIds");
        assertThat(count("cached_jobs", "project_id", project)).isZero();
    }

    @Test
    void triggerOnProjectWithoutQueriesAnswersEmptyArray() {
        Api.Response response = trigger("{\"aiModels\":[\"openai\"],\"executionCount\":3}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void triggerTouchesOnlyTheCallersProject() {
        UUID otherProject = createProject(organisation, "Other brand");
        createQueries(organisation, otherProject, "other", "en", "US");
        createQueries(organisation, project, "mine", "en", "US");

        JsonNode jobs =
                trigger("{\"aiModels\":[\"openai\"],\"executionCount\":1}").json();

        assertThat(jobs.size()).isEqualTo(1);
        assertThat(jobs.get(0).get("query").asString()).isEqualTo("mine");
        assertThat(count("cached_jobs", "project_id", otherProject)).isZero();
    }

    @Test
    void triggerRejectsUnknownProviderKeyListingTheAcceptedOnes() {
        createQueries(organisation, project, "best crm", "en", "US");

        JsonNode problem = assertProblem(trigger("{\"aiModels\":[\"openai\",\"gpt-4\"],\"executionCount\":3}"), 400);

        assertThat(errorFields(problem)).containsExactly("aiModels[1]");
        String message = problem.get("errors").get(0).get("message").asString();
        assertThat(message).contains(Seed.PROVIDER_KEYS);
        assertThat(count("cached_jobs", "project_id", project)).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"aiModels\":[],\"executionCount\":3}",
                "{\"aiModels\":\"openai\",\"executionCount\":3}",
                "{\"aiModels\":{\"openai\":true},\"executionCount\":3}",
                "{\"aiModels\":[null],\"executionCount\":3}",
                "{\"aiModels\":[1],\"executionCount\":3}",
                "{\"aiModels\":[\"OpenAI\"],\"executionCount\":3}"
            })
    void triggerRejectsBadAiModels(String body) {
        createQueries(organisation, project, "best crm", "en", "US");

        JsonNode problem = assertProblem(trigger(body), 400);

        assertThat(errorFields(problem)).singleElement().asString().startsWith("aiModels");
        assertThat(count("cached_jobs", "project_id", project)).isZero();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"aiModels\":[\"openai\"],\"executionCount\":\"3\"}",
                "{\"aiModels\":[\"openai\"],\"executionCount\":1.5}",
                "{\"aiModels\":[\"openai\"],\"executionCount\":3.0}",
                "{\"aiModels\":[\"openai\"],\"executionCount\":true}",
                "{\"aiModels\":[\"openai\"],\"executionCount\":[3]}",
                "{\"aiModels\":[\"openai\"],\"executionCount\":0}",
                "{\"aiModels\":[\"openai\"],\"executionCount\":-1}",
                "{\"aiModels\":[\"openai\"],\"executionCount\":101}",
                "{\"aiModels\":[\"openai\"],\"executionCount\":99999999999999999999}"
            })
    void triggerRejectsBadExecutionCount(String body) {
        createQueries(organisation, project, "best crm", "en", "US");

        JsonNode problem = assertProblem(trigger(body), 400);

        assertThat(errorFields(problem)).containsExactly("executionCount");
        assertThat(count("cached_jobs", "project_id", project)).isZero();
    }

    @Test
    void triggerAcceptsTheConfiguredMaximum() {
        createQueries(organisation, project, "best crm", "en", "US");

        assertThat(trigger("{\"aiModels\":[\"openai\"],\"executionCount\":100}").status())
                .isEqualTo(201);
    }

    @Test
    void triggerReportsEveryBadFieldAtOnce() {
        JsonNode problem = assertProblem(trigger("{\"aiModels\":[],\"executionCount\":0}"), 400);

        assertThat(errorFields(problem)).containsExactly("aiModels", "executionCount");
        assertThat(problem.at("/errors/0/message").asString()).contains(Seed.PROVIDER_KEYS);
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:invalid-request");
        assertThat(problem.get("instance").asString()).isEqualTo(TRIGGER);
    }

    @Test
    void triggerNamesEachMissingOrMalformedHeader() {
        String body = "{\"aiModels\":[\"openai\"],\"executionCount\":3}";

        JsonNode none = assertProblem(api.post(TRIGGER).body(body).send(), 400);
        assertThat(errorFields(none)).containsExactly("x-organisation-id", "x-project-id");

        JsonNode malformed = assertProblem(
                api.post(TRIGGER)
                        .header("x-organisation-id", "not-a-uuid")
                        .header("X-Project-Id", project.toString())
                        .body(body)
                        .send(),
                400);
        assertThat(errorFields(malformed)).containsExactly("x-organisation-id");

        JsonNode projectMissing = assertProblem(
                api.post(TRIGGER).organisation(organisation).body(body).send(), 400);
        assertThat(errorFields(projectMissing)).containsExactly("x-project-id");
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        Api.Response response = api.post(TRIGGER)
                .header("X-Organisation-Id", organisation.toString())
                .header("X-PROJECT-ID", project.toString())
                .body("{\"aiModels\":[\"openai\"],\"executionCount\":3}")
                .send();

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void unknownOrganisationOrForeignProjectIsNotFound() {
        createQueries(organisation, project, "best crm", "en", "US");
        UUID stranger = createOrganisation("Stranger");
        UUID strangersProject = createProject(stranger, "Theirs");
        String body = "{\"aiModels\":[\"openai\"],\"executionCount\":3}";

        assertProblem(
                api.post(TRIGGER).scope(UUID.randomUUID(), project).body(body).send(), 403);
        JsonNode foreign = assertProblem(
                api.post(TRIGGER).scope(stranger, project).body(body).send(), 404);
        JsonNode missing = assertProblem(
                api.post(TRIGGER).scope(stranger, UUID.randomUUID()).body(body).send(), 404);

        assertThat(foreign.get("title")).isEqualTo(missing.get("title"));
        assertThat(foreign.get("type")).isEqualTo(missing.get("type"));
        assertThat(errorFields(foreign)).containsExactly("x-project-id");
        assertThat(errorFields(missing)).containsExactly("x-project-id");
        assertThat(count("cached_jobs", "project_id", project)).isZero();
        assertThat(count("cached_jobs", "project_id", strangersProject)).isZero();
    }

    @Test
    void malformedJsonIsBadRequest() {
        JsonNode problem = assertProblem(trigger("{\"aiModels\":[\"openai\"], executionCount: 3}"), 400);

        assertThat(errorFields(problem)).containsExactly("body");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "3", "\"x\"", "null", "{} {}"})
    void aBodyThatIsNotOneJsonObjectIsBadRequest(String body) {
        assertProblem(trigger(body), 400);
    }

    @Test
    void aBodyThatIsNotJsonIsUnsupportedMediaType() {
        Api.Response response = api.post(TRIGGER)
                .scope(organisation, project)
                .contentType("text/plain")
                .body("aiModels=openai")
                .send();

        assertProblem(response, 415);
    }

    @Test
    void aWrongMethodIsMethodNotAllowed() {
        assertProblem(api.get(TRIGGER).scope(organisation, project).send(), 405);
        assertProblem(api.method("DELETE", TRIGGER).scope(organisation, project).send(), 405);
    }

    @Test
    void anUnknownPathIsAProblemToo() {
        assertProblem(api.get("/api/cached-jobs/not/here").send(), 404);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    static Map<String, Object> item(UUID queryId, List<String> aiModels, Object executionCount) {
        return Map.of("queryId", queryId, "aiModels", aiModels, "executionCount", executionCount);
    }
}
