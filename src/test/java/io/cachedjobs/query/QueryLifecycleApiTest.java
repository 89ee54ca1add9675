package io.cachedjobs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.tenancy.ProjectScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import tools.jackson.databind.JsonNode;

/** PATCH and DELETE of queries, tags on queries, and duplicates. */
class QueryLifecycleApiTest extends ApiTest {

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Query Lifecycle Org");
        project = createProject(organisation, "Brand");
    }

    private Api.Response create(Map<String, ?> query) {
        return api.post("/api/queries").scope(organisation, project).json(query).send();
    }

    private Api.Response many(List<? extends Map<String, ?>> queries) {
        return api.post("/api/queries/many")
                .scope(organisation, project)
                .json(Map.of("queries", queries))
                .send();
    }

    private Api.Response patch(UUID id, Map<String, ?> changes) {
        return api.method("PATCH", "/api/queries/" + id)
                .scope(organisation, project)
                .json(changes)
                .send();
    }

    private Api.Response delete(UUID id) {
        return api.method("DELETE", "/api/queries/" + id)
                .scope(organisation, project)
                .send();
    }

    private Api.Response get(UUID id) {
        return api.get("/api/queries/" + id).scope(organisation, project).send();
    }

    private long createTag(UUID inProject, String name) {
        Api.Response response = api.post("/api/tags")
                .scope(organisation, inProject)
                .json(Map.of("name", name, "color", "#336699"))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private static List<Long> tagIds(JsonNode query) {
        List<Long> ids = new ArrayList<>();
        query.get("tags").forEach(tag -> ids.add(tag.get("id").asLong()));
        return ids;
    }

    private String row(UUID id) {
        return jdbc.queryForMap("select * from queries where id = ?", id).toString()
                + jdbc.queryForList("select tag_id from query_tags where query_id = ? order by tag_id", Long.class, id);
    }

    private List<UUID> listed() {
        List<UUID> ids = new ArrayList<>();
        api.post("/api/queries/list?limit=500")
                .scope(organisation, project)
                .json(Map.of())
                .send()
                .json()
                .get("results")
                .forEach(query -> ids.add(UUID.fromString(query.get("id").asString())));
        return ids;
    }

    private Api.Response trigger() {
        return api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .body("{\"aiModels\":[\"openai\"],\"executionCount\":1}")
                .send();
    }

    @Test
    void createAndManyTakeTagsAndAnswerThemByName() {
        long pricing = createTag(project, "Pricing");
        long competitors = createTag(project, "Competitors");

        Api.Response one = create(Map.of(
                "query",
                "best crm",
                "language",
                "en",
                "country",
                "US",
                "tagIds",
                List.of(pricing, competitors, pricing)));
        Api.Response batch = many(List.of(
                Map.of("query", "a", "language", "en", "country", "US", "tagIds", List.of(pricing)),
                Map.of("query", "b", "language", "en", "country", "US")));

        assertThat(one.status()).as(one.body()).isEqualTo(201);
        assertThat(tagIds(one.json())).containsExactly(competitors, pricing);
        assertThat(one.json().get("tags").get(0).toString())
                .isEqualTo("{\"id\":" + competitors + ",\"name\":\"Competitors\",\"color\":\"#336699\"}");
        assertThat(get(UUID.fromString(one.json().get("id").asString())).json()).isEqualTo(one.json());
        assertThat(batch.status()).as(batch.body()).isEqualTo(201);
        assertThat(tagIds(batch.json().get(0))).containsExactly(pricing);
        assertThat(tagIds(batch.json().get(1))).isEmpty();
    }

    @Test
    void tagsOfAnotherProjectOrOfNoTagAreRefusedAndNothingIsWritten() {
        long mine = createTag(project, "Mine");
        long theirs = createTag(createProject(organisation, "Other"), "Theirs");

        assertThat(errorFields(assertProblem(
                        create(Map.of(
                                "query", "q", "language", "en", "country", "US", "tagIds", List.of(mine, theirs))),
                        400)))
                .containsExactly("tagIds[1]");
        JsonNode problem = assertProblem(
                many(List.of(
                        Map.of("query", "a", "language", "en", "country", "US", "tagIds", List.of(mine)),
                        Map.of("query", "b", "language", "en", "country", "US"),
                        Map.of(
                                "query",
                                "c",
                                "language",
                                "en",
                                "country",
                                "US",
                                "tagIds",
                                List.of(theirs, 999_999_999L)))),
                400);
        assertThat(errorFields(problem)).containsExactly("queries[2].tagIds[0]", "queries[2].tagIds[1]");
        assertThat(problem.get("errors").get(0).get("message").asString())
                .isEqualTo("tag " + theirs + " was not found in the project");
        assertThat(count("queries", "project_id", project)).isZero();
    }

    @Test
    void tagIdsAreValidated() {
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("query", "q", "language", "en", "country", "US"));
        body.put("tagIds", withNull);
        assertThat(errorFields(assertProblem(create(body), 400))).containsExactly("tagIds[0]");
        body.put("tagIds", List.of("1"));
        assertThat(errorFields(assertProblem(create(body), 400))).containsExactly("tagIds[0]");
        body.put("tagIds", "1");
        assertThat(errorFields(assertProblem(create(body), 400))).containsExactly("tagIds");
        assertThat(count("queries", "project_id", project)).isZero();
    }

    @Test
    void patchChangesOnlyTheFieldsGivenAndNormalisesThem() {
        UUID id = createQueries(organisation, project, "best crm", "en", "US").get(0);
        JsonNode before = get(id).json();

        Api.Response changed = patch(id, Map.of("language", "PT-br", "country", "br"));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode query = changed.json();
        assertThat(query.get("query").asString()).isEqualTo("best crm");
        assertThat(query.get("language").asString()).isEqualTo("pt-br");
        assertThat(query.get("country").asString()).isEqualTo("BR");
        assertThat(query.get("createdAt")).isEqualTo(before.get("createdAt"));
        assertThat(query.get("updatedAt").asString())
                .isGreaterThanOrEqualTo(before.get("updatedAt").asString());
        assertThat(get(id).json()).isEqualTo(query);

        JsonNode retexted = patch(id, Map.of("query", "  melhor crm  ")).json();
        assertThat(retexted.get("query").asString()).isEqualTo("melhor crm");
        assertThat(retexted.get("language").asString()).isEqualTo("pt-br");
        assertThat(patch(id, Map.of()).json()).isEqualTo(retexted);
    }

    @Test
    void patchTagIdsReplacesTheTags() {
        long a = createTag(project, "A");
        long b = createTag(project, "B");
        long c = createTag(project, "C");
        UUID id =
                UUID.fromString(create(Map.of("query", "q", "language", "en", "country", "US", "tagIds", List.of(a, b)))
                        .json()
                        .get("id")
                        .asString());

        assertThat(tagIds(patch(id, Map.of("tagIds", List.of(c, b))).json())).containsExactly(b, c);
        assertThat(tagIds(patch(id, Map.of("query", "q2")).json())).containsExactly(b, c);
        JsonNode untagged = patch(id, Map.of("tagIds", List.of())).json();
        assertThat(tagIds(untagged)).isEmpty();
        assertThat(untagged.get("query").asString()).isEqualTo("q2");
        assertThat(get(id).json()).isEqualTo(untagged);
    }

    @Test
    void patchValidatesLikeCreateAndChangesNothingWhenRefused() {
        UUID id = createQueries(organisation, project, "best crm", "en", "US").get(0);
        long theirs = createTag(createProject(organisation, "Other"), "Theirs");
        String before = row(id);

        assertThat(errorFields(assertProblem(patch(id, Map.of("query", "  ", "language", "xx", "country", "ZZ")), 400)))
                .containsExactly("country", "language", "query");
        assertThat(errorFields(assertProblem(patch(id, Map.of("query", "x".repeat(2001))), 400)))
                .containsExactly("query");
        assertThat(errorFields(assertProblem(patch(id, Map.of("query", "fine", "tagIds", List.of(theirs))), 400)))
                .containsExactly("tagIds[0]");
        assertThat(errorFields(assertProblem(patch(id, Map.of("language", 5)), 400)))
                .containsExactly("language");
        assertThat(row(id)).isEqualTo(before);
    }

    @Test
    void aDuplicateCreateIsAConflictNamingTheExistingQuery() {
        UUID existing =
                createQueries(organisation, project, "best crm", "en", "US").get(0);

        JsonNode problem =
                assertProblem(create(Map.of("query", "  best crm ", "language", "EN", "country", "us")), 409);

        assertThat(problem.get("type").asString()).endsWith("conflict");
        assertThat(problem.get("detail").asString()).contains(existing.toString());
        assertThat(problem.get("errors").toString())
                .isEqualTo("[{\"field\":\"query\",\"message\":\"duplicates query " + existing + "\"}]");
        assertThat(count("queries", "project_id", project)).isEqualTo(1);
        // Another language, country, text or project is not a duplicate.
        assertThat(create(Map.of("query", "best crm", "language", "en", "country", "GB"))
                        .status())
                .isEqualTo(201);
        assertThat(create(Map.of("query", "best crm", "language", "fr", "country", "US"))
                        .status())
                .isEqualTo(201);
        assertThat(create(Map.of("query", "Best crm", "language", "en", "country", "US"))
                        .status())
                .isEqualTo(201);
        createQueries(organisation, createProject(organisation, "Other"), "best crm", "en", "US");
    }

    @Test
    void manyRefusesTheWholeBatchNamingEveryDuplicate() {
        UUID existing =
                createQueries(organisation, project, "best crm", "en", "US").get(0);

        JsonNode problem = assertProblem(
                many(List.of(
                        Map.of("query", "new one", "language", "en", "country", "US"),
                        Map.of("query", "best crm ", "language", "en", "country", "US"),
                        Map.of("query", "new two", "language", "en", "country", "US"),
                        Map.of("query", "new one", "language", "EN", "country", "US"),
                        Map.of("query", "new one", "language", "en", "country", "GB"),
                        Map.of("query", "best crm", "language", "en", "country", "us"))),
                409);

        assertThat(problem.get("errors").toString())
                .isEqualTo("[{\"field\":\"queries[1]\",\"message\":\"duplicates query " + existing + "\"},"
                        + "{\"field\":\"queries[3]\",\"message\":\"duplicates queries[0]\"},"
                        + "{\"field\":\"queries[5]\",\"message\":\"duplicates query " + existing + "\"}]");
        assertThat(count("queries", "project_id", project)).isEqualTo(1);
    }

    @Test
    void patchIntoADuplicateIsAConflictNamingTheOtherQuery() {
        List<UUID> ids = createQueries(organisation, project, "best crm", "en", "US", "top crm", "en", "US");
        String before = row(ids.get(1));

        JsonNode problem = assertProblem(patch(ids.get(1), Map.of("query", "best crm")), 409);

        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("duplicates query " + ids.get(0));
        assertThat(row(ids.get(1))).isEqualTo(before);
        assertThat(patch(ids.get(0), Map.of("query", "best crm", "language", "en"))
                        .status())
                .isEqualTo(200);
        assertThat(patch(ids.get(1), Map.of("country", "GB", "query", "best crm"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void changingOnlyTheTagsIsAChangeOfTheQuery() throws InterruptedException {
        long tag = createTag(project, "A");
        UUID id = createQueries(organisation, project, "q", "en", "US").get(0);
        String before = get(id).json().get("updatedAt").asString();
        Thread.sleep(5);

        JsonNode tagged = patch(id, Map.of("tagIds", List.of(tag))).json();

        assertThat(tagged.get("updatedAt").asString()).isGreaterThan(before);
        assertThat(get(id).json()).isEqualTo(tagged);
    }

    /** The service checks first; the index is what holds when two writers race past that check. */
    @Test
    void theDatabaseRefusesALiveDuplicateWrittenPastTheService() {
        UUID id = createQueries(organisation, project, "best crm", "en", "US").get(0);
        String insert = "insert into queries (id, project_id, query_text, language, country, created_at, updated_at)"
                + " values (?, ?, 'best crm', 'en', 'US', now(), now())";

        assertThatThrownBy(() -> jdbc.update(insert, UUID.randomUUID(), project))
                .isInstanceOf(DuplicateKeyException.class);
        jdbc.update("update queries set deleted_at = now() where id = ?", id);
        assertThat(jdbc.update(insert, UUID.randomUUID(), project)).isEqualTo(1);
    }

    /** A btree entry is at most about 2.7 kB: the uniqueness must hold for the longest multi-byte texts too. */
    @Test
    void longMultiByteTextsAreCreatedAndStillRefusedAsDuplicates() {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        while (text.length() < 2000) {
            text.appendCodePoint(0x4E00 + random.nextInt(0x5000));
        }
        Map<String, String> query = Map.of("query", text.toString(), "language", "zh-cn", "country", "CN");

        Api.Response created = create(query);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertProblem(create(query), 409);
        assertThat(count("queries", "project_id", project)).isEqualTo(1);
    }

    /**
     * History is never lost: a deleted query leaves reads, lists and later triggers, while the job
     * made from it earlier still reads back with its text.
     */
    @Test
    void aDeletedQueryLeavesListsAndTriggersButItsJobsStayReadable() {
        List<UUID> ids = createQueries(organisation, project, "to delete", "en", "US", "to keep", "en", "US");
        JsonNode jobs = trigger().json();
        String jobOfDeleted = jobs.get(0).get("id").asString();

        Api.Response deleted = delete(ids.get(0));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertProblem(get(ids.get(0)), 404);
        assertProblem(patch(ids.get(0), Map.of("query", "revived")), 404);
        assertProblem(delete(ids.get(0)), 404);
        assertThat(listed()).containsExactly(ids.get(1));
        JsonNode later = trigger().json();
        assertThat(later.size()).isEqualTo(1);
        assertThat(later.get(0).get("query_id").asString()).isEqualTo(ids.get(1).toString());
        assertProblem(
                api.post("/api/cached-jobs/many")
                        .scope(organisation, project)
                        .json(Map.of(
                                "cachedJobs",
                                List.of(Map.of(
                                        "queryId", ids.get(0), "aiModels", List.of("openai"), "executionCount", 1))))
                        .send(),
                404);
        JsonNode job = api.get("/api/cached-jobs/" + jobOfDeleted)
                .scope(organisation, project)
                .send()
                .json();
        assertThat(job.get("query_id").asString()).isEqualTo(ids.get(0).toString());
        assertThat(job.get("query").asString()).isEqualTo("to delete");
        assertThat(jdbc.queryForObject(
                        "select deleted_at is not null from queries where id = ?", Boolean.class, ids.get(0)))
                .isTrue();
        // Its text is free again.
        assertThat(create(Map.of("query", "to delete", "language", "en", "country", "US"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aTriggerByTagTakesTheLiveQueriesHavingAnyOfTheTagsInCreationOrder() {
        long a = createTag(project, "A");
        long b = createTag(project, "B");
        long c = createTag(project, "C");
        List<UUID> ids = new ArrayList<>();
        for (List<Long> tags : List.<List<Long>>of(List.of(b), List.of(), List.of(a, b), List.of(c), List.of(a))) {
            ids.add(UUID.fromString(
                    create(Map.of("query", "q" + ids.size(), "language", "en", "country", "US", "tagIds", tags))
                            .json()
                            .get("id")
                            .asString()));
        }
        delete(ids.get(4));

        assertThat(triggeredQueries(a, b))
                .containsExactly(ids.get(0).toString(), ids.get(2).toString());
        assertThat(triggeredQueries(c)).containsExactly(ids.get(3).toString());
    }

    private List<String> triggeredQueries(long... tagIds) {
        List<String> queries = new ArrayList<>();
        api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .json(Map.of("aiModels", List.of("openai"), "tagIds", tagIds))
                .send()
                .json()
                .forEach(job -> queries.add(job.get("query_id").asString()));
        return queries;
    }

    @Test
    void everyNewCallWithAnotherOrganisationOrProjectIsNotFoundAndChangesNothing() {
        long tag = createTag(project, "Mine");
        UUID id = UUID.fromString(
                create(Map.of("query", "mine", "language", "en", "country", "US", "tagIds", List.of(tag)))
                        .json()
                        .get("id")
                        .asString());
        String before = row(id);
        UUID otherProject = createProject(organisation, "Other");

        for (ProjectScope scope : foreignScopes(organisation, project)) {
            assertProblem(api.get("/api/queries/" + id).scope(scope).send(), refusal(scope));
            assertProblem(
                    api.method("PATCH", "/api/queries/" + id)
                            .scope(scope)
                            .json(Map.of("query", "hijacked"))
                            .send(),
                    refusal(scope));
            assertProblem(
                    api.method("DELETE", "/api/queries/" + id).scope(scope).send(), refusal(scope));
            assertNothingListed(
                    scope,
                    api.post("/api/queries/list").scope(scope).json(Map.of()).send());
        }
        // Another project's tag is no filter and no tag here.
        assertThat(errorFields(assertProblem(
                        api.post("/api/queries/list")
                                .scope(organisation, otherProject)
                                .json(Map.of("tagIds", List.of(tag)))
                                .send(),
                        400)))
                .containsExactly("tagIds[0]");
        assertThat(errorFields(assertProblem(
                        api.post("/api/queries")
                                .scope(organisation, otherProject)
                                .json(Map.of("query", "x", "language", "en", "country", "US", "tagIds", List.of(tag)))
                                .send(),
                        400)))
                .containsExactly("tagIds[0]");

        assertThat(row(id)).isEqualTo(before);
        assertThat(count("queries", "project_id", otherProject)).isZero();
    }
}
