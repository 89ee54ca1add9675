package io.cachedjobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.tenancy.ProjectScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A test over HTTP against the whole service on the test run's PostgreSQL. Every test makes its own
 * organisation and project, so tests never see each other's rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestDatabaseConfiguration.class)
@TestPropertySource(
        properties = {
            // Tests call faster than a client may; the rate limit tests set their own limits.
            "cachedjobs.rate-limit.per-second=1000",
            "cachedjobs.rate-limit.burst=1000",
            // Short, for the slow upload tests to wait out; far above what any other test's body takes.
            "cachedjobs.http.body-timeout=" + ApiTest.BODY_TIMEOUT_SECONDS + "s"
        })
public abstract class ApiTest {

    /** {@code cachedjobs.http.body-timeout} in the tests. */
    protected static final int BODY_TIMEOUT_SECONDS = 5;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Api api;

    /** The actuator's own port: health, liveness, readiness and the operator's endpoints. */
    protected Api management;

    /** The port the service under test listens on, for raw sockets. */
    protected int port() {
        return port;
    }

    /** The actuator's port, for raw sockets. */
    protected int managementPort() {
        return managementPort;
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        management = new Api(managementPort);
    }

    /** A new organisation; its first admin key goes with the calls that name it (see {@link Api}). */
    protected UUID createOrganisation(String name) {
        return api.createOrganisation(name);
    }

    protected UUID createProject(UUID organisation, String name) {
        Api.Response response = api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of("name", name))
                .send();
        assertThat(response.status()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    /** Creates the queries (text, language, country triples) and answers their ids in order. */
    protected List<UUID> createQueries(UUID organisation, UUID project, String... textLanguageCountry) {
        List<Map<String, String>> queries = new ArrayList<>();
        for (int i = 0; i < textLanguageCountry.length; i += 3) {
            queries.add(Map.of(
                    "query", textLanguageCountry[i],
                    "language", textLanguageCountry[i + 1],
                    "country", textLanguageCountry[i + 2]));
        }
        Api.Response response = api.post("/api/queries/many")
                .scope(organisation, project)
                .json(Map.of("queries", queries))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        List<UUID> ids = new ArrayList<>();
        response.json().forEach(query -> ids.add(UUID.fromString(query.get("id").asString())));
        return ids;
    }

    /** Triggers the project with its settings and answers the id of the first job made. */
    protected String triggerFirstJob(UUID organisation, UUID project) {
        return api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .body("{}")
                .send()
                .json()
                .at("/0/id")
                .asString();
    }

    protected int count(String table, String column, UUID value) {
        Integer count = jdbc.queryForObject(
                "select count(*) from " + table + " where " + column + " = ?", Integer.class, value);
        return count == null ? 0 : count;
    }

    /**
     * Makes PostgreSQL fail the insert of any cached job asking {@code queryText}, until closed: a
     * fault half-way through a write, for tests that nothing partial is left.
     */
    protected AutoCloseable failingJobInserts(String queryText) {
        String name = "fail_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("create function " + name + "() returns trigger language plpgsql as $$ begin"
                + " if new.query_text = '" + queryText.replace("'", "''") + "' then"
                + " raise exception 'injected fault'; end if; return new; end $$");
        jdbc.execute("create trigger " + name + " before insert on cached_jobs for each row execute function " + name
                + "()");
        return () -> {
            jdbc.execute("drop trigger " + name + " on cached_jobs");
            jdbc.execute("drop function " + name + "()");
        };
    }

    /** A problem answer: the media type, the status in the body, and nothing of the server's insides. */
    protected static JsonNode assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.has("instance")).isTrue();
        assertThat(response.body())
                .doesNotContain("Exception", "java.", "tools.jackson", "SQL", "at io.", "org.spring", "insert into");
        return problem;
    }

    /**
     * The scopes that must reach nothing of {@code project}: a sibling project of the same
     * organisation, a stranger's organisation with its own project, with this project, and with this
     * organisation's, and an organisation that does not exist.
     */
    protected List<ProjectScope> foreignScopes(UUID organisation, UUID project) {
        UUID sibling = createProject(organisation, "Sibling");
        UUID stranger = createOrganisation("Stranger");
        UUID strangersProject = createProject(stranger, "Theirs");
        return List.of(
                new ProjectScope(organisation, sibling),
                new ProjectScope(stranger, strangersProject),
                new ProjectScope(stranger, project),
                new ProjectScope(organisation, strangersProject),
                new ProjectScope(UUID.randomUUID(), project));
    }

    /**
     * How a call naming {@code organisation} in x-organisation-id is refused: 404 when this test holds
     * that organisation's key (the key goes with the call, and the resource is not its), 403 when it
     * does not (the caller's own key goes, and names another organisation).
     */
    protected int refusal(UUID organisation) {
        return api.keyOf(organisation) == null ? 403 : 404;
    }

    protected int refusal(ProjectScope scope) {
        return refusal(scope.organisationId());
    }

    /** A list asked from a foreign scope: refused, or a page with nothing of the caller's in it. */
    protected void assertNothingListed(ProjectScope scope, Api.Response list) {
        if (list.status() == 200) {
            assertThat(list.json().get("page").get("totalRecords").asInt()).isZero();
        } else {
            assertProblem(list, refusal(scope));
        }
    }

    /** The fields the problem's {@code errors} name. */
    protected static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }
}
