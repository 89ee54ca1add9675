package io.cachedjobs.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProjectListApiTest extends ApiTest {

    @Test
    void pagingThroughAFewHundredProjectsSeesEachOnceOldestFirst() {
        UUID organisation = createOrganisation("Many Projects");
        UUID other = createOrganisation("Other");
        createProject(other, "Not mine");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            created.add(createProject(organisation, "Brand " + i).toString());
        }
        // Ties on createdAt are broken by id: give a run of projects the same creation time.
        jdbc.update(
                "update projects set created_at = ? where id = any(?::uuid[])",
                Timestamp.from(Instant.parse("2030-01-01T00:00:00Z")),
                created.subList(100, 160).toArray(String[]::new));
        List<String> expected = new ArrayList<>(created.subList(0, 100));
        expected.addAll(created.subList(160, 260));
        expected.addAll(created.subList(100, 160));

        List<String> seen = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        int pages = 0;
        for (Integer page = 1; page != null; pages++) {
            JsonNode answer = list(organisation, "?limit=7&page=" + page);
            assertThat(answer.at("/page/totalRecords").asInt()).isEqualTo(260);
            assertThat(answer.at("/page/totalPages").asInt()).isEqualTo(38);
            answer.get("results").forEach(project -> {
                assertThat(project.get("organisation").asString()).isEqualTo(organisation.toString());
                seen.add(project.get("id").asString());
                distinct.add(project.get("id").asString());
            });
            page = answer.at("/page/nextPage").isNull()
                    ? null
                    : answer.at("/page/nextPage").asInt();
        }

        assertThat(pages).isEqualTo(38);
        assertThat(distinct).hasSize(260);
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void theListAnswersThePageFormat() {
        UUID organisation = createOrganisation("Few Projects");
        UUID first = createProject(organisation, "First");
        createProject(organisation, "Second");
        createProject(organisation, "Third");

        JsonNode page1 = list(organisation, "?limit=2");
        assertThat(page1.at("/page").toString())
                .isEqualTo("{\"totalRecords\":3,\"limit\":2,\"currentPage\":1,\"totalPages\":2,"
                        + "\"nextPage\":2,\"prevPage\":null}");
        assertThat(page1.at("/results/0/id").asString()).isEqualTo(first.toString());
        assertThat(page1.at("/results/0").propertyNames()).contains("recurrence", "nextRunAt", "llmProviders");

        JsonNode page2 = list(organisation, "?limit=2&page=2");
        assertThat(page2.at("/page/nextPage").isNull()).isTrue();
        assertThat(page2.at("/page/prevPage").asInt()).isEqualTo(1);
        assertThat(page2.get("results")).hasSize(1);

        JsonNode beyond = list(organisation, "?limit=2&page=9");
        assertThat(beyond.get("results")).isEmpty();
        assertThat(beyond.at("/page/totalRecords").asInt()).isEqualTo(3);
        assertThat(beyond.at("/page/prevPage").asInt()).isEqualTo(2);
        assertThat(list(organisation, "?limit=100&page=2147483647").get("results"))
                .isEmpty();

        assertThat(list(organisation, "").at("/page/limit").asInt()).isEqualTo(50);
    }

    @Test
    void anOrganisationWithoutProjectsHasAnEmptyList() {
        UUID organisation = createOrganisation("No Projects");

        JsonNode answer = list(organisation, "");

        assertThat(answer.get("results")).isEmpty();
        assertThat(answer.at("/page/totalRecords").asInt()).isZero();
        assertThat(answer.at("/page/totalPages").asInt()).isZero();
        assertThat(answer.at("/page/nextPage").isNull()).isTrue();
        assertThat(answer.at("/page/prevPage").isNull()).isTrue();
    }

    @Test
    void badPagingParametersAreRefusedByName() {
        UUID organisation = createOrganisation("Bad Paging");

        assertThat(errorFields(assertProblem(
                        api.get("/api/projects/list?limit=101")
                                .organisation(organisation)
                                .send(),
                        400)))
                .containsExactly("limit");
        assertThat(errorFields(assertProblem(
                        api.get("/api/projects/list?limit=0&page=0")
                                .organisation(organisation)
                                .send(),
                        400)))
                .containsExactly("limit", "page");
        assertThat(errorFields(assertProblem(
                        api.get("/api/projects/list?page=two")
                                .organisation(organisation)
                                .send(),
                        400)))
                .containsExactly("page");
    }

    @Test
    void theListNeedsTheKeysOrganisation() {
        UUID mine = createOrganisation("Wrong method");
        assertThat(errorFields(assertProblem(api.get("/api/projects/list").send(), 400)))
                .containsExactly("x-organisation-id");
        assertThat(errorFields(assertProblem(
                        api.get("/api/projects/list")
                                .organisation(UUID.randomUUID())
                                .send(),
                        403)))
                .containsExactly("x-organisation-id");
        assertProblem(
                api.post("/api/projects/list").organisation(mine).json(Map.of()).send(), 405);
    }

    private JsonNode list(UUID organisation, String query) {
        Api.Response response =
                api.get("/api/projects/list" + query).organisation(organisation).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
