package io.cachedjobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who may call: keys, their expiry and revocation, and the operator token. */
class ApiKeyApiTest extends ApiTest {

    private static final String KEYS = "/api/api-keys";

    UUID organisation;
    UUID project;

    @BeforeEach
    void organisation() {
        organisation = createOrganisation("Keyed");
        project = createProject(organisation, "Brand");
    }

    private Api.Response getProject(String key) {
        return api.get("/api/projects/" + project)
                .organisation(organisation)
                .key(key)
                .send();
    }

    /** The id of the organisation's first key (the admin key it was created with). */
    private String firstKeyId(UUID owner) {
        return api.get(KEYS)
                .organisation(owner)
                .send()
                .json()
                .at("/results/0/id")
                .asString();
    }

    private JsonNode issue(String name, String role, String expiresAt) {
        Map<String, Object> body = expiresAt == null
                ? Map.of("name", name, "role", role)
                : Map.of("name", name, "role", role, "expiresAt", expiresAt);
        Api.Response created =
                api.post(KEYS).organisation(organisation).json(body).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private static JsonNode assertUnauthenticated(Api.Response response, String field) {
        JsonNode problem = assertProblem(response, 401);
        assertThat(problem.get("type").asString()).isEqualTo("urn:cached-jobs:problem:unauthenticated");
        assertThat(errorFields(problem)).containsExactly(field);
        assertThat(response.header("WWW-Authenticate")).isNotBlank();
        return problem;
    }

    @Test
    void aCallWithoutAKeyOrWithABadOneIs401NamingTheHeader() {
        assertUnauthenticated(
                api.get("/api/projects/" + project)
                        .organisation(organisation)
                        .withoutKey()
                        .send(),
                "x-api-key");
        for (String bad : new String[] {"", "nope", "cj_live_short", "cj_live_" + "A".repeat(43), "Bearer x"}) {
            assertUnauthenticated(getProject(bad), "x-api-key");
        }
        String mine = api.keyOf(organisation);
        assertUnauthenticated(
                api.get("/api/projects/" + project)
                        .organisation(organisation)
                        .key(mine)
                        .key(mine)
                        .send(),
                "x-api-key");
        assertThat(getProject(mine).status()).isEqualTo(200);
    }

    @Test
    void aKeyOfAnotherOrganisationThanTheHeaderIs403AndSeesNothing() {
        UUID stranger = createOrganisation("Stranger");
        JsonNode problem = assertProblem(getProject(api.keyOf(stranger)), 403);
        assertThat(errorFields(problem)).containsExactly("x-organisation-id");
        assertThat(problem.get("detail").asString())
                .isEqualTo("The x-organisation-id header names another organisation than the API key's.");
    }

    @Test
    void aNewKeyIsShownOnceAndListedWithoutItsSecret() {
        JsonNode issued = issue("  Dashboard  ", "viewer", "2100-01-01T00:00:00.000Z");
        String key = issued.get("key").asString();

        assertThat(issued.propertyNames())
                .containsExactly(
                        "id", "name", "role", "prefix", "createdAt", "expiresAt", "revokedAt", "lastUsedAt", "key");
        assertThat(key)
                .matches("cj_live_[A-Za-z0-9_-]{43}")
                .startsWith(issued.get("prefix").asString());
        assertThat(issued.get("name").asString()).isEqualTo("Dashboard");
        assertThat(issued.get("expiresAt").asString()).isEqualTo("2100-01-01T00:00:00.000Z");
        assertThat(getProject(key).status()).isEqualTo(200);

        Api.Response list = api.get(KEYS).organisation(organisation).send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(key).doesNotContain(api.keyOf(organisation));
        assertThat(list.json().at("/page/totalRecords").asInt()).isEqualTo(2);
        JsonNode listed = list.json().at("/results/1");
        assertThat(listed.propertyNames())
                .containsExactly("id", "name", "role", "prefix", "createdAt", "expiresAt", "revokedAt", "lastUsedAt");
        assertThat(listed.get("id")).isEqualTo(issued.get("id"));
        assertThat(listed.get("lastUsedAt").isNull()).isFalse();
        assertThat(list.json().at("/results/0/name").asString()).isEqualTo(ApiKeyService.FIRST_KEY_NAME);

        byte[] stored = jdbc.queryForObject(
                "select secret_hash from api_keys where id = ?::uuid",
                byte[].class,
                issued.get("id").asString());
        assertThat(stored).hasSize(32).isNotEqualTo(key.getBytes());
    }

    @Test
    void aKeyNeedsANameAKnownRoleAndAFutureExpiry() {
        Api.Response bad = api.post(KEYS)
                .organisation(organisation)
                .json(Map.of("name", " ", "role", "owner", "expiresAt", "2001-01-01T00:00:00.000Z"))
                .send();
        assertThat(errorFields(assertProblem(bad, 400))).contains("role");
        Api.Response past = api.post(KEYS)
                .organisation(organisation)
                .json(Map.of("name", " ", "role", "viewer", "expiresAt", "2001-01-01T00:00:00.000Z"))
                .send();
        assertThat(errorFields(assertProblem(past, 400))).containsExactlyInAnyOrder("name", "expiresAt");
        assertThat(count("api_keys", "organisation_id", organisation)).isOne();
    }

    @Test
    void anExpiredKeyIs401() {
        JsonNode issued = issue("Short-lived", "editor", "2100-01-01T00:00:00.000Z");
        String key = issued.get("key").asString();
        assertThat(getProject(key).status()).isEqualTo(200);

        jdbc.update(
                "update api_keys set expires_at = now() - interval '1 second' where id = ?::uuid",
                issued.get("id").asString());

        assertThat(assertUnauthenticated(getProject(key), "x-api-key")
                        .get("detail")
                        .asString())
                .contains("expired");
    }

    @Test
    void aRevokedKeyIs401OnItsNextCallAndStaysListed() {
        JsonNode issued = issue("Leaked", "admin", null);
        String key = issued.get("key").asString();
        String id = issued.get("id").asString();
        assertThat(getProject(key).status()).isEqualTo(200);

        Api.Response revoked =
                api.method("DELETE", KEYS + "/" + id).organisation(organisation).send();
        assertThat(revoked.status()).isEqualTo(204);

        assertThat(assertUnauthenticated(getProject(key), "x-api-key")
                        .get("detail")
                        .asString())
                .contains("revoked");
        JsonNode listed =
                api.get(KEYS + "/" + id).organisation(organisation).send().json();
        assertThat(listed.get("revokedAt").isNull()).isFalse();
        assertThat(api.method("DELETE", KEYS + "/" + id)
                        .organisation(organisation)
                        .send()
                        .status())
                .isEqualTo(204);
    }

    @Test
    void theLastUsableAdminKeyCannotBeRevoked() {
        String first = firstKeyId(organisation);
        JsonNode problem = assertProblem(
                api.method("DELETE", KEYS + "/" + first)
                        .organisation(organisation)
                        .send(),
                409);
        assertThat(problem.get("detail").asString()).contains("last admin key without an expiry");

        JsonNode second = issue("Second admin", "admin", null);
        assertThat(api.method("DELETE", KEYS + "/" + first)
                        .organisation(organisation)
                        .key(second.get("key").asString())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(getProject(api.keyOf(organisation)).status()).isEqualTo(401);
    }

    @Test
    void anAdminKeyThatExpiresDoesNotCountAsTheLastAdmin() {
        JsonNode expiring = issue("Temporary admin", "admin", "2100-01-01T00:00:00.000Z");
        String first = firstKeyId(organisation);

        assertProblem(
                api.method("DELETE", KEYS + "/" + first)
                        .organisation(organisation)
                        .key(expiring.get("key").asString())
                        .send(),
                409);
        assertThat(getProject(api.keyOf(organisation)).status()).isEqualTo(200);
    }

    @Test
    void aHeaderWithCharactersHeadersMayNotCarryIs400AndTheKeyIsNotLogged() {
        byte[] head = ("GET /api/projects/" + project + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                        + "x-organisation-id: " + organisation + "\r\nx-api-key: \u201c" + api.keyOf(organisation)
                        + "\u201d")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        io.cachedjobs.support.RawHttp.Response response =
                new io.cachedjobs.support.RawHttp(port()).send(head, null, false);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain(api.keyOf(organisation));
    }

    @Test
    void theAuthorizationHeaderGivenTwiceIs401() {
        assertUnauthenticated(
                api.post("/api/organisations")
                        .operator()
                        .header("Authorization", "Bearer wrong")
                        .json(Map.of("name", "Twice"))
                        .send(),
                "Authorization");
    }

    @Test
    void anotherOrganisationsKeyIsNotFound() {
        UUID stranger = createOrganisation("Stranger");
        String theirs = firstKeyId(stranger);

        assertProblem(api.get(KEYS + "/" + theirs).organisation(organisation).send(), 404);
        assertProblem(
                api.method("DELETE", KEYS + "/" + theirs)
                        .organisation(organisation)
                        .send(),
                404);
        assertProblem(
                api.method("DELETE", KEYS + "/" + UUID.randomUUID())
                        .organisation(organisation)
                        .send(),
                404);
        assertThat(api.get(KEYS)
                        .organisation(organisation)
                        .send()
                        .json()
                        .at("/page/totalRecords")
                        .asInt())
                .isOne();
        assertThat(jdbc.queryForObject(
                        "select count(*) from api_keys where organisation_id = ? and revoked_at is null",
                        Integer.class,
                        stranger))
                .isOne();
    }

    @Test
    void creatingAnOrganisationNeedsTheOperatorToken() {
        Map<String, String> body = Map.of("name", "Unauthorised");
        assertUnauthenticated(
                api.post("/api/organisations").withoutKey().json(body).send(), "Authorization");
        assertUnauthenticated(
                api.post("/api/organisations")
                        .withoutKey()
                        .header("Authorization", "Bearer wrong-token")
                        .json(body)
                        .send(),
                "Authorization");
        assertThat(errorFields(
                        assertProblem(api.post("/api/organisations").json(body).send(), 403)))
                .containsExactly("Authorization");
        assertThat(jdbc.queryForObject("select count(*) from organisations where name = 'Unauthorised'", Integer.class))
                .isZero();

        // The operator token opens nothing else: it is no key of any organisation.
        assertProblem(
                api.get("/api/projects/" + project)
                        .organisation(organisation)
                        .operator()
                        .send(),
                403);
    }

    @Test
    void healthAndTheOpenApiDocumentArePublicOtherActuatorEndpointsAreNot() {
        assertThat(management.get("/actuator/health").withoutKey().send().status())
                .isEqualTo(200);
        assertThat(management
                        .get("/actuator/health/readiness")
                        .withoutKey()
                        .send()
                        .status())
                .isEqualTo(200);
        // The actuator is on its own port only
        assertProblem(api.get("/actuator/health").withoutKey().send(), 404);
        Api.Response document = api.get("/v3/api-docs").withoutKey().send();
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().at("/components/securitySchemes/apiKey/name").asString())
                .isEqualTo("x-api-key");
        assertThat(document.json()
                        .at("/components/securitySchemes/operatorToken/scheme")
                        .asString())
                .isEqualTo("bearer");
        assertThat(document.json().at("/security/0").has("apiKey")).isTrue();
        assertThat(document.json()
                        .at("/paths/~1api~1organisations/post/security/0")
                        .has("operatorToken"))
                .isTrue();
        assertThat(api.get("/swagger-ui.html").withoutKey().send().status()).isLessThan(400);
        JsonNode trigger = document.json().at("/paths/~1api~1cached-jobs~1trigger/post/responses");
        assertThat(trigger.has("401") && trigger.has("403") && trigger.has("429"))
                .isTrue();
        assertThat(trigger.at("/201/headers").has("X-RateLimit-Remaining")).isTrue();

        assertProblem(management.get("/actuator/info").withoutKey().send(), 401);
        assertProblem(
                management.get("/actuator/info").key(api.keyOf(organisation)).send(), 403);
        assertThat(management.get("/actuator/info").operator().send().status()).isEqualTo(200);
    }
}
