package io.cachedjobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each role's rights: viewer reads and lists, editor changes too, admin manages keys as well. */
class RolesApiTest extends ApiTest {

    UUID organisation;
    UUID project;
    UUID query;
    String job;

    @BeforeEach
    void data() {
        organisation = createOrganisation("Roles");
        project = createProject(organisation, "Brand");
        query = createQueries(organisation, project, "best crm", "en", "US").get(0);
        job = triggerFirstJob(organisation, project);
    }

    /** A call of each kind: what it is, and whether it reads or writes. */
    private List<Function<String, Api.Response>> reads() {
        return List.of(
                key -> api.get("/api/projects/" + project)
                        .scope(organisation, project)
                        .key(key)
                        .send(),
                key -> api.get("/api/projects/list")
                        .organisation(organisation)
                        .key(key)
                        .send(),
                key -> api.get("/api/queries/" + query)
                        .scope(organisation, project)
                        .key(key)
                        .send(),
                key -> api.post("/api/queries/list")
                        .scope(organisation, project)
                        .key(key)
                        .body("{}")
                        .send(),
                key -> api.get("/api/tags")
                        .scope(organisation, project)
                        .key(key)
                        .send(),
                key -> api.get("/api/cached-jobs/" + job)
                        .scope(organisation, project)
                        .key(key)
                        .send(),
                key -> api.post("/api/cached-jobs/list")
                        .scope(organisation, project)
                        .key(key)
                        .body("{}")
                        .send(),
                key -> api.get("/api/organisations/" + organisation)
                        .organisation(organisation)
                        .key(key)
                        .send(),
                key -> api.get("/api/ai-providers").key(key).send(),
                key -> api.get("/api/usage").organisation(organisation).key(key).send());
    }

    private List<Function<String, Api.Response>> writes() {
        return List.of(
                key -> api.post("/api/projects")
                        .organisation(organisation)
                        .key(key)
                        .json(Map.of("name", "New"))
                        .send(),
                key -> api.method("PATCH", "/api/projects/" + project)
                        .organisation(organisation)
                        .key(key)
                        .json(Map.of("industry", "CRM"))
                        .send(),
                key -> api.post("/api/queries")
                        .scope(organisation, project)
                        .key(key)
                        .json(Map.of("query", "q " + UUID.randomUUID(), "language", "en", "country", "US"))
                        .send(),
                key -> api.post("/api/tags")
                        .scope(organisation, project)
                        .key(key)
                        .json(Map.of("name", "t " + UUID.randomUUID(), "color", "#AABBCC"))
                        .send(),
                key -> api.post("/api/cached-jobs/trigger")
                        .scope(organisation, project)
                        .key(key)
                        .body("{}")
                        .send(),
                key -> api.method("PATCH", "/api/cached-jobs/" + job)
                        .scope(organisation, project)
                        .key(key)
                        .body("{\"restricted\":true}")
                        .send());
    }

    private List<Function<String, Api.Response>> keyManagement() {
        return List.of(
                key -> api.get("/api/api-keys")
                        .organisation(organisation)
                        .key(key)
                        .send(),
                key -> api.post("/api/api-keys")
                        .organisation(organisation)
                        .key(key)
                        .json(Map.of("name", "More", "role", "viewer"))
                        .send());
    }

    private String keyOfRole(String role) {
        if (role.equals("admin")) {
            return api.keyOf(organisation);
        }
        return api.post("/api/api-keys")
                .organisation(organisation)
                .json(Map.of("name", role, "role", role))
                .send()
                .json()
                .get("key")
                .asString();
    }

    private String snapshot() {
        return jdbc.queryForObject(
                """
                select concat_ws(',', (select count(*) from projects where organisation_id = ?),
                  (select max(updated_at) from projects where organisation_id = ?),
                  (select count(*) from queries where project_id = ?),
                  (select count(*) from tags where project_id = ?),
                  (select count(*) from cached_jobs where project_id = ?),
                  (select max(updated_at) from cached_jobs where project_id = ?),
                  (select count(*) from api_keys where organisation_id = ?))""", String.class, organisation, organisation, project, project, project, project, organisation);
    }

    @ParameterizedTest
    @CsvSource({"viewer, false, false", "editor, true, false", "admin, true, true"})
    void eachRoleHasItsRightsAndA403ChangesNothing(String role, boolean writes, boolean managesKeys) {
        String key = keyOfRole(role);
        for (Function<String, Api.Response> read : reads()) {
            Api.Response response = read.apply(key);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }
        check(key, writes(), writes, "editor", role);
        check(key, keyManagement(), managesKeys, "admin", role);
    }

    private void check(
            String key, List<Function<String, Api.Response>> calls, boolean allowed, String needed, String role) {
        for (Function<String, Api.Response> call : calls) {
            String before = snapshot();
            Api.Response response = call.apply(key);
            if (allowed) {
                assertThat(response.status()).as(response.body()).isBetween(200, 201);
            } else {
                assertThat(assertProblem(response, 403).get("detail").asString())
                        .contains("role " + needed + " or above", "role is " + role);
                assertThat(snapshot()).isEqualTo(before);
            }
        }
    }
}
