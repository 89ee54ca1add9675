package io.cachedjobs.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.AtOnce;
import io.cachedjobs.tenancy.ProjectScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class EntityApiTest extends ApiTest {

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Entities Org");
        project = createProject(organisation, "Brand");
    }

    private Api.Response create(Object entity) {
        return api.post("/api/entities")
                .scope(organisation, project)
                .json(entity)
                .send();
    }

    private JsonNode created(Object entity) {
        Api.Response response = create(entity);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private Api.Response patch(String id, Object changes) {
        return api.method("PATCH", "/api/entities/" + id)
                .scope(organisation, project)
                .json(changes)
                .send();
    }

    private JsonNode list(String filters) {
        Api.Response response = api.post("/api/entities/list")
                .scope(organisation, project)
                .body(filters)
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("results").forEach(entity -> names.add(entity.get("name").asString()));
        return names;
    }

    @Test
    void aNewProjectHasItsPrimaryBrandFromItsNameAndWebsite() {
        Api.Response response = api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of("name", "Acme CRM", "website", "https://shop.acme-crm.co.uk/en/?utm_source=x"))
                .send();
        UUID acme = UUID.fromString(response.json().get("id").asString());

        JsonNode page = api.post("/api/entities/list")
                .scope(organisation, acme)
                .body("{}")
                .send()
                .json();

        assertThat(page.at("/page/totalRecords").asInt()).isEqualTo(1);
        JsonNode brand = page.at("/results/0");
        assertThat(brand.get("name").asString()).isEqualTo("Acme CRM");
        assertThat(brand.get("domains").get(0).asString()).isEqualTo("acme-crm.co.uk");
        assertThat(brand.get("type").asString()).isEqualTo("brand");
        assertThat(brand.get("isPrimary").asBoolean()).isTrue();
        assertThat(brand.get("isOwned").asBoolean()).isTrue();
        assertThat(brand.get("isCompetitor").asBoolean()).isFalse();
        assertThat(brand.get("entitiesVersion").asLong()).isEqualTo(1);
        // Without a website, no domain.
        assertThat(list("{}").at("/results/0/domains").size()).isZero();
    }

    @Test
    void anEntityIsCreatedReadChangedListedAndDeleted() {
        JsonNode hubspot = created(Map.of(
                "name",
                "  HubSpot ",
                "aliases",
                List.of("HubSpot CRM", "hubspot", "Hubspot CRM", "HubSpot\u00A0Sales Hub"),
                "domains",
                List.of("https://blog.HubSpot.com/sales?x=1", "hubspot.com", "hubspot.fr"),
                "type",
                "company",
                "isCompetitor",
                true));
        String id = hubspot.get("id").asString();

        assertThat(hubspot.propertyNames())
                .containsExactly(
                        "id",
                        "project",
                        "name",
                        "aliases",
                        "domains",
                        "type",
                        "isOwned",
                        "isPrimary",
                        "isCompetitor",
                        "caseSensitive",
                        "accentSensitive",
                        "entitiesVersion",
                        "createdAt",
                        "updatedAt");
        assertThat(hubspot.get("name").asString()).isEqualTo("HubSpot");
        // The spellings the name or an earlier alias already is, without case, are dropped.
        assertThat(hubspot.get("aliases").toString()).isEqualTo("[\"HubSpot CRM\",\"HubSpot\u00A0Sales Hub\"]");
        assertThat(hubspot.get("domains").toString()).isEqualTo("[\"hubspot.com\",\"hubspot.fr\"]");
        assertThat(hubspot.get("entitiesVersion").asLong()).isEqualTo(2);
        assertThat(api.get("/api/entities/" + id)
                        .scope(organisation, project)
                        .send()
                        .json())
                .isEqualTo(hubspot);

        JsonNode changed = patch(id, Map.of("aliases", List.of("HubSpot Inc."), "caseSensitive", true))
                .json();
        assertThat(changed.get("aliases").toString()).isEqualTo("[\"HubSpot Inc.\"]");
        assertThat(changed.get("domains")).isEqualTo(hubspot.get("domains"));
        assertThat(changed.get("caseSensitive").asBoolean()).isTrue();
        assertThat(changed.get("entitiesVersion").asLong()).isEqualTo(3);

        // A change the extraction does not read leaves the version.
        assertThat(patch(id, Map.of("type", "brand"))
                        .json()
                        .get("entitiesVersion")
                        .asLong())
                .isEqualTo(3);
        created(Map.of("name", "Zoho CRM", "type", "product", "isCompetitor", true));
        created(Map.of("name", "Ada Lovelace", "type", "person", "isOwned", true));
        assertThat(names(list("{}"))).containsExactly("Brand", "HubSpot", "Zoho CRM", "Ada Lovelace");
        assertThat(names(list("{\"isCompetitor\":true,\"sort\":[{\"field\":\"name\",\"direction\":\"DESC\"}]}")))
                .containsExactly("Zoho CRM", "HubSpot");
        assertThat(names(list("{\"types\":[\"person\",\"brand\"]}")))
                .containsExactly("Brand", "HubSpot", "Ada Lovelace");
        assertThat(names(list("{\"name\":\"inc.\"}"))).containsExactly("HubSpot");
        assertThat(names(list("{\"name\":\"ZOHO\",\"isOwned\":false}"))).containsExactly("Zoho CRM");
        assertThat(names(list("{\"isPrimary\":true}"))).containsExactly("Brand");
        assertThat(list("{\"name\":\"%\"}").at("/page/totalRecords").asInt()).isZero();

        Api.Response deleted = api.method("DELETE", "/api/entities/" + id)
                .scope(organisation, project)
                .send();
        assertThat(deleted.status()).isEqualTo(204);
        assertProblem(
                api.get("/api/entities/" + id).scope(organisation, project).send(), 404);
        assertThat(jdbc.queryForObject("select version from entity_sets where project_id = ?", Long.class, project))
                .isEqualTo(6);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"\"}|name",
                "{\"name\":\"Acme\",\"aliases\":[\"  \"]}|aliases[0]",
                "{\"name\":\"Acme\",\"aliases\":[\"a\\nb\"]}|aliases[0]",
                "{\"name\":\"Acme\",\"domains\":[\"acme.com\",\"co.uk\"]}|domains[1]",
                "{\"name\":\"Acme\",\"domains\":[\"localhost\"]}|domains[0]",
                "{\"name\":\"Acme\",\"domains\":[\"not a domain\"]}|domains[0]",
                "{\"name\":\"Acme\",\"domains\":[\"10.0.0.1\"]}|domains[0]",
                "{\"name\":\"Acme\",\"isPrimary\":true,\"isOwned\":false}|isOwned",
                "{\"name\":\"Acme\",\"isOwned\":true,\"isCompetitor\":true}|isCompetitor",
                "{\"name\":\"Acme\",\"type\":\"brnd\"}|type",
                "{\"name\":\"Acme\",\"isOwned\":\"yes\"}|isOwned",
                "{\"name\":\"\u0301\"}|name"
            })
    void aBadEntityIsA400NamingTheField(String body, String field) {
        Api.Response response = api.post("/api/entities")
                .scope(organisation, project)
                .body(body)
                .send();

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.toString()).contains(field);
        assertThat(count("entities", "project_id", project)).isEqualTo(1);
    }

    @Test
    void tooManyAliasesOrDomainsAreRefused() {
        List<String> aliases = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i <= 50; i++) {
            aliases.add("Alias " + i);
            domains.add("d" + i + ".com");
        }

        JsonNode problem = assertProblem(create(Map.of("name", "Many", "aliases", aliases, "domains", domains)), 400);

        assertThat(errorFields(problem)).containsExactlyInAnyOrder("aliases", "domains");
    }

    @Test
    void aNameOrAliasAnotherEntityHasWithoutCaseAndAccentsIsA409NamingIt() {
        String societe = created(Map.of("name", "Société Générale", "aliases", List.of("SocGen")))
                .get("id")
                .asString();

        JsonNode problem =
                assertProblem(create(Map.of("name", "SOCIETE GENERALE", "aliases", List.of("Other", "socgen"))), 409);

        assertThat(errorFields(problem)).containsExactly("name", "aliases[1]");
        assertThat(problem.toString()).contains(societe, "Société Générale");
        String other = created(Map.of("name", "Other")).get("id").asString();
        assertThat(errorFields(assertProblem(patch(other, Map.of("aliases", List.of("Socgen"))), 409)))
                .containsExactly("aliases[0]");
        // Its own names are no conflict.
        assertThat(patch(societe, Map.of("name", "Societe Generale")).status()).isEqualTo(200);
    }

    @Test
    void aProjectHasOnePrimaryEntityAtMost() {
        String primary = list("{\"isPrimary\":true}").at("/results/0/id").asString();

        JsonNode problem = assertProblem(create(Map.of("name", "Second Brand", "isPrimary", true)), 409);
        assertThat(errorFields(problem)).containsExactly("isPrimary");
        assertThat(problem.toString()).contains(primary);

        assertThat(patch(primary, Map.of("isPrimary", false))
                        .json()
                        .get("isOwned")
                        .asBoolean())
                .isTrue();
        JsonNode second = created(Map.of("name", "Second Brand", "isPrimary", true));
        // Becoming primary makes it owned.
        assertThat(second.get("isOwned").asBoolean()).isTrue();
        assertThat(names(list("{\"isPrimary\":true}"))).containsExactly("Second Brand");
    }

    @Test
    void concurrentCreatesOfOneNameOrOfPrimaryEntitiesMakeOneAndRefuseTheOthers() {
        List<Integer> sameName = AtOnce.run(
                8,
                1,
                () -> create(Map.of("name", "Race Co", "aliases", List.of("Race")))
                        .status());
        String primary = list("{\"isPrimary\":true}").at("/results/0/id").asString();
        patch(primary, Map.of("isPrimary", false));
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> primaries = AtOnce.run(
                8,
                1,
                () -> create(Map.of("name", "Primary " + n.incrementAndGet(), "isPrimary", true))
                        .status());

        assertThat(sameName)
                .containsOnly(201, 409)
                .filteredOn(status -> status == 201)
                .hasSize(1);
        assertThat(primaries)
                .containsOnly(201, 409)
                .filteredOn(status -> status == 201)
                .hasSize(1);
        assertThat(list("{\"name\":\"race\"}").at("/page/totalRecords").asInt()).isEqualTo(1);
        assertThat(list("{\"isPrimary\":true}").at("/page/totalRecords").asInt())
                .isEqualTo(1);
    }

    @Test
    void anotherProjectOrOrganisationSeesAndChangesNoneOfTheEntities() {
        String id = created(Map.of("name", "Secret Competitor", "isCompetitor", true))
                .get("id")
                .asString();

        for (ProjectScope scope : foreignScopes(organisation, project)) {
            int refused = refusal(scope);
            assertProblem(api.get("/api/entities/" + id).scope(scope).send(), refused == 403 ? 403 : 404);
            assertProblem(
                    api.method("PATCH", "/api/entities/" + id)
                            .scope(scope)
                            .json(Map.of("name", "Hijacked"))
                            .send(),
                    refused == 403 ? 403 : 404);
            assertProblem(
                    api.method("DELETE", "/api/entities/" + id).scope(scope).send(), refused == 403 ? 403 : 404);
            Api.Response listed =
                    api.post("/api/entities/list").scope(scope).body("{}").send();
            assertThat(listed.body()).doesNotContain("Secret Competitor");
        }
        assertThat(names(list("{}"))).containsExactly("Brand", "Secret Competitor");
    }

    @Test
    void aViewerReadsButDoesNotChangeEntities() {
        String viewer = api.post("/api/api-keys")
                .organisation(organisation)
                .json(Map.of("name", "viewer", "role", "viewer"))
                .send()
                .json()
                .get("key")
                .asString();
        String id = list("{}").at("/results/0/id").asString();

        assertThat(api.get("/api/entities/" + id)
                        .scope(organisation, project)
                        .key(viewer)
                        .send()
                        .status())
                .isEqualTo(200);
        assertProblem(
                api.post("/api/entities")
                        .scope(organisation, project)
                        .key(viewer)
                        .json(Map.of("name", "X"))
                        .send(),
                403);
        assertProblem(
                api.method("DELETE", "/api/entities/" + id)
                        .scope(organisation, project)
                        .key(viewer)
                        .send(),
                403);
    }
}
