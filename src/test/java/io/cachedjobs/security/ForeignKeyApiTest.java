package io.cachedjobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the OpenAPI document, called with another organisation's key: with this
 * organisation's headers it is a 403, with the stranger's own headers and this organisation's ids
 * it finds nothing; never an answer holding anything of this organisation, never a change to it.
 */
class ForeignKeyApiTest extends ApiTest {

    @Test
    void everyOperationWithAStrangersKeyGetsNothingAndChangesNothing() {
        String secret = "secret-" + UUID.randomUUID();
        UUID organisation = createOrganisation(secret + " org");
        UUID project = createProject(organisation, secret + " brand");
        UUID query = createQueries(organisation, project, secret + " query", "en", "US")
                .get(0);
        String tag = api.post("/api/tags")
                .scope(organisation, project)
                .json(Map.of("name", secret + " tag", "color", "#AABBCC"))
                .send()
                .json()
                .get("id")
                .asString();
        String job = triggerFirstJob(organisation, project);
        String entity = api.post("/api/entities")
                .scope(organisation, project)
                .json(Map.of("name", secret + " entity", "aliases", List.of(secret + " alias")))
                .send()
                .json()
                .get("id")
                .asString();
        String key = api.get("/api/api-keys")
                .organisation(organisation)
                .send()
                .json()
                .at("/results/0/id")
                .asString();
        String webhook = api.post("/api/webhooks")
                .organisation(organisation)
                .json(Map.of("url", "https://127.0.0.1/" + secret, "events", List.of("run.completed")))
                .send()
                .json()
                .get("id")
                .asString();
        String delivery = api.post("/api/webhooks/" + webhook + "/test")
                .organisation(organisation)
                .send()
                .json()
                .get("id")
                .asString();
        UUID stranger = createOrganisation("Stranger");
        UUID strangersProject = createProject(stranger, "Theirs");
        String strangersKey = api.keyOf(stranger);
        List<String> mine = List.of(
                secret,
                organisation.toString(),
                project.toString(),
                query.toString(),
                job,
                key,
                entity,
                webhook,
                delivery);
        String before = snapshot(organisation, project);

        JsonNode paths = api.get("/v3/api-docs").send().json().get("paths");
        int calls = 0;
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                String target = path.replace(
                                "{id}", idFor(path, project, query, tag, job, key, entity, webhook, organisation))
                        .replace("{deliveryId}", delivery)
                        .replace("{account}", "openai")
                        .replace("{queryId}", query.toString())
                        .replace("{domain}", "example.com");
                String body = bodyFor(method, path, query, tag);
                for (boolean ownHeaders : new boolean[] {false, true}) {
                    Api.Request request = api.method(method.toUpperCase(), target)
                            .key(strangersKey)
                            .scope(ownHeaders ? stranger : organisation, ownHeaders ? strangersProject : project);
                    Api.Response response = (body == null ? request : request.body(body)).send();
                    String what = method + " " + target + (ownHeaders ? " (stranger's headers)" : " (my headers)")
                            + " -> " + response.status() + " " + response.body();
                    if (!ownHeaders) {
                        assertThat(response.status()).as(what).isEqualTo(403);
                    } else {
                        assertThat(response.status()).as(what).isNotIn(401, 500, 503);
                    }
                    // An answer may repeat the ids the caller sent (a problem naming what it did not find),
                    // and nothing else of this organisation: no name, no other id.
                    String sent = target + body;
                    for (String value : mine) {
                        if (!sent.contains(value) || value.equals(secret)) {
                            assertThat(response.body()).as(what).doesNotContain(value);
                        }
                    }
                    calls++;
                }
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(50);
        assertThat(snapshot(organisation, project)).isEqualTo(before);
    }

    private static String idFor(
            String path,
            UUID project,
            UUID query,
            String tag,
            String job,
            String key,
            String entity,
            String webhook,
            UUID organisation) {
        if (path.startsWith("/api/projects")) {
            return project.toString();
        }
        if (path.startsWith("/api/queries")) {
            return query.toString();
        }
        if (path.startsWith("/api/tags")) {
            return tag;
        }
        if (path.startsWith("/api/cached-jobs")) {
            return job;
        }
        if (path.startsWith("/api/api-keys")) {
            return key;
        }
        if (path.startsWith("/api/entities")) {
            return entity;
        }
        if (path.startsWith("/api/webhooks")) {
            return webhook;
        }
        return organisation.toString();
    }

    /** A body that names this organisation's rows wherever a body can. */
    private static String bodyFor(String method, String path, UUID query, String tag) {
        if (method.equals("get") || method.equals("delete")) {
            return null;
        }
        return switch (path) {
            case "/api/cached-jobs/trigger" -> "{\"queryIds\":[\"" + query + "\"]}";
            case "/api/cached-jobs/many" ->
                "{\"cachedJobs\":[{\"queryId\":\"" + query + "\",\"aiModels\":[\"openai\"],\"executionCount\":1}]}";
            case "/api/cached-jobs/list" -> "{\"queryId\":\"" + query + "\"}";
            case "/api/queries" -> "{\"query\":\"x\",\"language\":\"en\",\"country\":\"US\",\"tagIds\":[" + tag + "]}";
            case "/api/queries/many" ->
                "{\"queries\":[{\"query\":\"x\",\"language\":\"en\",\"country\":\"US\",\"tagIds\":[" + tag + "]}]}";
            case "/api/queries/list" -> "{\"tagIds\":[" + tag + "]}";
            case "/api/projects", "/api/organisations" -> "{\"name\":\"Intruder\"}";
            case "/api/tags" -> "{\"name\":\"Intruder\",\"color\":\"#000000\"}";
            case "/api/entities/list" -> "{\"name\":\"secret\"}";
            case "/api/api-keys" -> "{\"name\":\"Intruder\",\"role\":\"admin\"}";
            case "/api/webhooks" -> "{\"url\":\"https://127.0.0.1/intruder\",\"events\":[\"run.completed\"]}";
            case "/api/webhooks/{id}" -> "{\"url\":\"https://127.0.0.1/hijacked\",\"enabled\":false}";
            case "/api/cached-jobs/{id}" -> "{\"restricted\":true,\"status\":\"inactive\"}";
            default -> "{\"name\":\"Hijacked\",\"query\":\"Hijacked\"}";
        };
    }

    private String snapshot(UUID organisation, UUID project) {
        List<Object> values = new ArrayList<>();
        for (String sql : List.of(
                "select count(*) || ',' || coalesce(max(updated_at)::text, '') from projects where organisation_id = ?",
                "select count(*) || ',' || coalesce(max(updated_at)::text, '') from api_keys where organisation_id = ?",
                "select count(*) || ',' || coalesce(max(updated_at)::text, '') from organisations where id = ?",
                "select count(*) || ',' || coalesce(max(updated_at)::text, '') || ',' || string_agg(url || secret, ',')"
                        + " from webhook_endpoints where organisation_id = ?",
                "select count(*) || ',' || coalesce(max(d.updated_at)::text, '') from webhook_deliveries d"
                        + " join webhook_endpoints w on w.id = d.endpoint_id where w.organisation_id = ?")) {
            values.add(jdbc.queryForObject(sql, String.class, organisation));
        }
        for (String sql : List.of(
                "select count(*) || ',' || coalesce(max(updated_at)::text, '') from queries where project_id = ?",
                "select count(*) || ',' || coalesce(max(updated_at)::text, '') from tags where project_id = ?",
                "select count(*) || ',' || coalesce(max(updated_at)::text, '') from entities where project_id = ?",
                "select version || ',' || updated_at::text from entity_sets where project_id = ?",
                "select count(*) || ',' || coalesce(max(updated_at)::text, '') from cached_jobs where project_id = ?")) {
            values.add(jdbc.queryForObject(sql, String.class, project));
        }
        return values.toString();
    }
}
