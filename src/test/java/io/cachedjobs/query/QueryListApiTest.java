package io.cachedjobs.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class QueryListApiTest extends ApiTest {

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Query Lists Org");
        project = createProject(organisation, "Brand");
    }

    private Api.Response list(String parameters, Object body) {
        Api.Request request = api.post("/api/queries/list" + parameters).scope(organisation, project);
        return (body == null ? request : request.json(body)).send();
    }

    private JsonNode listOk(String parameters, Object body) {
        Api.Response response = list(parameters, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> texts(JsonNode page) {
        List<String> texts = new ArrayList<>();
        page.get("results").forEach(query -> texts.add(query.get("query").asString()));
        return texts;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("results").forEach(query -> ids.add(query.get("id").asString()));
        return ids;
    }

    private long createTag(String name) {
        Api.Response response = api.post("/api/tags")
                .scope(organisation, project)
                .json(Map.of("name", name, "color", "#336699"))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private UUID createTagged(String text, long... tagIds) {
        Api.Response response = api.post("/api/queries")
                .scope(organisation, project)
                .json(Map.of(
                        "query",
                        text,
                        "language",
                        "en",
                        "country",
                        "US",
                        "tagIds",
                        Stream.of(tagIds)
                                .flatMapToLong(java.util.Arrays::stream)
                                .boxed()
                                .toList()))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    @Test
    void withoutBodyOrWithAnEmptyOneListsEveryQueryOldestFirst() {
        createQueries(organisation, project, "first", "en", "US", "second", "fr", "FR", "third", "de", "DE");

        JsonNode empty = listOk("", Map.of());
        JsonNode none = listOk("", null);

        assertThat(texts(empty)).containsExactly("first", "second", "third");
        assertThat(none).isEqualTo(empty);
        assertThat(empty.propertyNames()).containsExactly("page", "results");
        assertThat(empty.get("page").toString())
                .isEqualTo("{\"totalRecords\":3,\"limit\":50,\"currentPage\":1,\"totalPages\":1,"
                        + "\"nextPage\":null,\"prevPage\":null}");
        assertThat(empty.get("results").get(0).propertyNames())
                .containsExactly("id", "project", "query", "language", "country", "tags", "createdAt", "updatedAt");
    }

    @Test
    void anEmptyProjectHasAnEmptyFirstPage() {
        JsonNode page = listOk("", Map.of());

        assertThat(page.get("results").size()).isZero();
        assertThat(page.get("page").toString())
                .isEqualTo("{\"totalRecords\":0,\"limit\":50,\"currentPage\":1,\"totalPages\":0,"
                        + "\"nextPage\":null,\"prevPage\":null}");
    }

    @Test
    void queryFilterIsACaseInsensitivePartMatchWithWildcardsTakenLiterally() {
        createQueries(
                organisation,
                project,
                "Best CRM for SMEs",
                "en",
                "US",
                "which crm is cheapest",
                "en",
                "US",
                "100% free tools",
                "en",
                "US",
                "1000 free tools",
                "en",
                "US",
                "snake_case names",
                "en",
                "US",
                "snakeXcase names",
                "en",
                "US",
                "back\\slash",
                "en",
                "US");

        assertThat(texts(listOk("", Map.of("query", "CRM"))))
                .containsExactly("Best CRM for SMEs", "which crm is cheapest");
        assertThat(texts(listOk("", Map.of("query", "0%")))).containsExactly("100% free tools");
        assertThat(texts(listOk("", Map.of("query", "e_c")))).containsExactly("snake_case names");
        assertThat(texts(listOk("", Map.of("query", "k\\s")))).containsExactly("back\\slash");
        assertThat(texts(listOk("", Map.of("query", "nothing like it")))).isEmpty();
        assertThat(texts(listOk("", Map.of("query", "")))).hasSize(7);
    }

    @Test
    void queryFilterFoldsTheCaseOfLettersBeyondAscii() {
        createQueries(
                organisation, project, "Crème brûlée CRM", "fr", "FR", "ΑΒΓ CRM", "el", "GR", "plain", "en", "US");

        assertThat(texts(listOk("", Map.of("query", "CRÈME BRÛLÉE")))).containsExactly("Crème brûlée CRM");
        assertThat(texts(listOk("", Map.of("query", "αβγ")))).containsExactly("ΑΒΓ CRM");
    }

    @Test
    void languageAndCountryFiltersTakeAnyOfTheirValuesNormalised() {
        createQueries(
                organisation,
                project,
                "a",
                "en",
                "US",
                "b",
                "en",
                "GB",
                "c",
                "fr",
                "FR",
                "d",
                "zh-cn",
                "CN",
                "e",
                "de",
                "DE");

        assertThat(texts(listOk("", Map.of("languages", List.of("EN", "zh-CN")))))
                .containsExactly("a", "b", "d");
        assertThat(texts(listOk("", Map.of("countries", List.of("gb", "FR"))))).containsExactly("b", "c");
        assertThat(texts(listOk("", Map.of("languages", List.of("en"), "countries", List.of("GB", "FR")))))
                .containsExactly("b");
        assertThat(texts(listOk("", Map.of("languages", List.of(), "countries", List.of()))))
                .hasSize(5);
    }

    @Test
    void tagFiltersMatchQueriesHavingAnyOfTheTags() {
        long competitors = createTag("Competitors");
        long pricing = createTag("Pricing");
        long unused = createTag("Unused");
        createTagged("both", competitors, pricing);
        createTagged("competitors only", competitors);
        createTagged("pricing only", pricing);
        createTagged("untagged");

        assertThat(texts(listOk("", Map.of("tagIds", List.of(competitors)))))
                .containsExactly("both", "competitors only");
        assertThat(texts(listOk("", Map.of("tagIds", List.of(competitors, pricing)))))
                .containsExactly("both", "competitors only", "pricing only");
        assertThat(texts(listOk("", Map.of("tagNames", List.of("Pricing"))))).containsExactly("both", "pricing only");
        assertThat(texts(listOk("", Map.of("tagIds", List.of(competitors), "tagNames", List.of("Pricing")))))
                .containsExactly("both", "competitors only", "pricing only");
        assertThat(texts(listOk("", Map.of("tagIds", List.of(unused))))).isEmpty();
        JsonNode page = listOk("", Map.of("tagIds", List.of(competitors, pricing), "query", "only"));
        assertThat(texts(page)).containsExactly("competitors only", "pricing only");
        assertThat(page.get("page").get("totalRecords").asInt()).isEqualTo(2);
    }

    @Test
    void answersCarryTheQueriesTagsByName() {
        long pricing = createTag("Pricing");
        long competitors = createTag("Competitors");
        createTagged("tagged", pricing, competitors);

        JsonNode tags = listOk("", Map.of()).get("results").get(0).get("tags");

        assertThat(tags.toString())
                .isEqualTo("[{\"id\":" + competitors + ",\"name\":\"Competitors\",\"color\":\"#336699\"}," + "{\"id\":"
                        + pricing + ",\"name\":\"Pricing\",\"color\":\"#336699\"}]");
    }

    @Test
    void badFilterValuesAreNamed() {
        UUID other = createProject(organisation, "Other");
        long theirs = api.post("/api/tags")
                .scope(organisation, other)
                .json(Map.of("name", "Theirs", "color", "#000000"))
                .send()
                .json()
                .get("id")
                .asLong();
        long mine = createTag("Mine");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("languages", List.of("en", "klingon"));
        body.put("countries", List.of("ZZ"));

        assertThat(errorFields(assertProblem(list("", body), 400))).containsExactly("countries[0]", "languages[1]");
        assertThat(errorFields(assertProblem(
                        list("", Map.of("tagIds", List.of(mine, theirs), "tagNames", List.of("Theirs", "Mine"))), 400)))
                .containsExactly("tagIds[1]", "tagNames[0]");
        assertThat(errorFields(assertProblem(list("", Map.of("tagNames", List.of(" "))), 400)))
                .containsExactly("tagNames[0]");
        assertThat(errorFields(assertProblem(list("", Map.of("languages", "en")), 400)))
                .containsExactly("languages");
        assertThat(errorFields(assertProblem(list("", Map.of("tagIds", List.of("one"))), 400)))
                .containsExactly("tagIds[0]");
    }

    @Test
    void anUnknownSortFieldOrDirectionIsNamedWithTheAcceptedOnes() {
        JsonNode problem = assertProblem(
                list("", Map.of("sort", List.of(Map.of("field", "createdAt"), Map.of("field", "text")))), 400);

        assertThat(errorFields(problem)).containsExactly("sort[1].field");
        assertThat(problem.get("errors").get(0).get("message").asString())
                .isEqualTo("must be one of: country, createdAt, language, query, updatedAt");
        JsonNode direction =
                assertProblem(list("", Map.of("sort", List.of(Map.of("field", "query", "direction", "down")))), 400);
        assertThat(errorFields(direction)).containsExactly("sort[0].direction");
        assertThat(direction.get("errors").get(0).get("message").asString()).contains("ASC", "DESC");
        assertThat(errorFields(assertProblem(list("", Map.of("sort", List.of(Map.of("direction", "ASC")))), 400)))
                .containsExactly("sort[0].field");
    }

    @Test
    void limitIsAtMostFiveHundred() {
        assertThat(list("?limit=500", Map.of()).status()).isEqualTo(200);
        assertThat(errorFields(assertProblem(list("?limit=501", Map.of()), 400)))
                .containsExactly("limit");
        assertThat(errorFields(assertProblem(list("?limit=0&page=x", Map.of()), 400)))
                .containsExactly("limit", "page");
    }

    @Test
    void aPageTooFarToCountIsEmpty() {
        createQueries(organisation, project, "a", "en", "US");

        JsonNode page = listOk("?limit=500&page=2147483647", Map.of());

        assertThat(page.get("results").size()).isZero();
        assertThat(page.get("page").get("totalRecords").asInt()).isEqualTo(1);
        assertThat(page.get("page").get("nextPage").isNull()).isTrue();
    }

    static Stream<Arguments> sorts() {
        return Stream.of("query", "language", "country", "createdAt", "updatedAt")
                .flatMap(field -> Stream.of(Arguments.of(field, "ASC"), Arguments.of(field, "DESC")));
    }

    /** Texts and codes chosen so that Java's order is the database's whatever its collation. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sorts")
    void eachSortOrdersBothWaysWithTiesByCreation(String field, String direction) {
        createQueries(
                organisation,
                project,
                "delta",
                "fr",
                "FR",
                "alpha",
                "en",
                "US",
                "charlie",
                "en",
                "GB",
                "bravo",
                "de",
                "DE",
                "echo",
                "fr",
                "BE",
                "foxtrot",
                "en",
                "US");
        JsonNode all = listOk("", Map.of());
        // Two updates, so that updatedAt differs from creation order.
        for (int index : List.of(3, 0)) {
            String id = all.get("results").get(index).get("id").asString();
            assertThat(api.method("PATCH", "/api/queries/" + id)
                            .scope(organisation, project)
                            .json(Map.of(
                                    "query",
                                    all.get("results").get(index).get("query").asString() + "2"))
                            .send()
                            .status())
                    .isEqualTo(200);
        }
        List<JsonNode> rows = new ArrayList<>();
        listOk("", Map.of()).get("results").forEach(rows::add);
        String property = field.equals("query") ? "query" : field;
        Comparator<JsonNode> byField =
                Comparator.comparing(row -> row.get(property).asString());
        Comparator<JsonNode> expected = (direction.equals("DESC") ? byField.reversed() : byField)
                .thenComparing(row -> row.get("id").asString());

        JsonNode sorted = listOk("", Map.of("sort", List.of(Map.of("field", field, "direction", direction))));

        assertThat(ids(sorted))
                .containsExactlyElementsOf(rows.stream()
                        .sorted(expected)
                        .map(row -> row.get("id").asString())
                        .toList());
    }

    @Test
    void aSortWithoutDirectionIsAscendingAndSeveralSortsApplyInTurn() {
        createQueries(organisation, project, "b", "en", "US", "a", "fr", "FR", "c", "en", "GB", "d", "fr", "BE");

        assertThat(texts(listOk("", Map.of("sort", List.of(Map.of("field", "query"))))))
                .containsExactly("a", "b", "c", "d");
        assertThat(texts(listOk(
                        "",
                        Map.of(
                                "sort",
                                List.of(
                                        Map.of("field", "language", "direction", "DESC"),
                                        Map.of("field", "country", "direction", "ASC"))))))
                .containsExactly("d", "a", "c", "b");
    }

    /**
     * Two thousand queries with many ties in language and country, paged in every order: each
     * query is seen exactly once, and the page metadata is right at both ends and beyond.
     */
    @Test
    void pagingThroughTwoThousandQueriesNeverSeesARowTwice() {
        List<String> languages = List.of("en", "fr", "de", "es", "pt-br");
        List<String> countries = List.of("US", "FR", "DE");
        for (int batch = 0; batch < 2; batch++) {
            List<Map<String, String>> queries = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = batch * 1000 + i;
                queries.add(Map.of(
                        "query", "question " + ((n * 7919) % 2000),
                        "language", languages.get(n % languages.size()),
                        "country", countries.get(n % countries.size())));
            }
            Api.Response created = api.post("/api/queries/many")
                    .scope(organisation, project)
                    .json(Map.of("queries", queries))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }

        for (String field : List.of("query", "language", "country", "createdAt", "updatedAt")) {
            for (String direction : List.of("ASC", "DESC")) {
                Set<String> seen = new HashSet<>();
                Map<String, Object> body = Map.of("sort", List.of(Map.of("field", field, "direction", direction)));
                for (int page = 1; page <= 5; page++) {
                    JsonNode answer = listOk("?limit=450&page=" + page, body);
                    JsonNode info = answer.get("page");
                    assertThat(info.get("totalRecords").asInt()).isEqualTo(2000);
                    assertThat(info.get("totalPages").asInt()).isEqualTo(5);
                    assertThat(info.get("currentPage").asInt()).isEqualTo(page);
                    assertThat(info.get("limit").asInt()).isEqualTo(450);
                    assertThat(info.get("prevPage").isNull()).isEqualTo(page == 1);
                    assertThat(info.get("nextPage").isNull()).isEqualTo(page == 5);
                    assertThat(answer.get("results").size()).isEqualTo(page < 5 ? 450 : 200);
                    for (String id : ids(answer)) {
                        assertThat(seen.add(id))
                                .as("%s %s: %s seen twice", field, direction, id)
                                .isTrue();
                    }
                }
                assertThat(seen).hasSize(2000);
                JsonNode beyond = listOk("?limit=450&page=6", body);
                assertThat(beyond.get("results").size()).isZero();
                assertThat(beyond.get("page").get("nextPage").isNull()).isTrue();
                assertThat(beyond.get("page").get("prevPage").asInt()).isEqualTo(5);
            }
        }

        JsonNode english = listOk("?limit=500&page=1", Map.of("languages", List.of("en"), "countries", List.of("US")));
        assertThat(english.get("page").get("totalRecords").asInt()).isEqualTo(134);
        assertThat(listOk("?limit=500", Map.of("query", "question 19"))
                        .get("page")
                        .get("totalRecords")
                        .asInt())
                .isEqualTo(111);
    }

    @Test
    void listIsOnlyOfTheCallersProject() {
        createQueries(organisation, project, "mine", "en", "US");
        UUID otherProject = createProject(organisation, "Other");
        createQueries(organisation, otherProject, "theirs", "en", "US");
        UUID stranger = createOrganisation("Stranger");

        assertThat(texts(listOk("", Map.of()))).containsExactly("mine");
        assertProblem(
                api.post("/api/queries/list")
                        .scope(stranger, project)
                        .json(Map.of())
                        .send(),
                404);
        assertProblem(
                api.post("/api/queries/list")
                        .scope(organisation, createProject(stranger, "Stranger's"))
                        .json(Map.of())
                        .send(),
                404);
        assertProblem(
                api.post("/api/queries/list")
                        .scope(UUID.randomUUID(), project)
                        .json(Map.of())
                        .send(),
                403);
    }
}
