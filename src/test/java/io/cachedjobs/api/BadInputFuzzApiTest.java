package io.cachedjobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throws a few hundred malformed requests at every endpoint of the OpenAPI document: broken,
 * repeated and oversized headers, ids that are not ids, bodies that are not JSON or not UTF-8,
 * wrong types at every field, deep nesting, huge values, wrong content types. No answer may be a
 * 5xx, every error is a problem that shows nothing of the server's insides, and a call answered
 * with an error writes nothing.
 *
 * <p>The generator is seeded: the seed is printed, and {@code -Dfuzz.seed=<seed>} replays a run;
 * {@code -Dfuzz.requests=<n>} sends more (or fewer) requests.
 */
class BadInputFuzzApiTest extends ApiTest {

    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 400);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Replaced, after serialisation, by bytes that are not UTF-8. */
    private static final String NOT_UTF8 = "NOT-UTF8-MARKER";

    private static final String SNAPSHOT = """
            select concat_ws(',',
              (select count(*) from organisations), (select max(updated_at) from organisations),
              (select count(*) from projects), (select max(updated_at) from projects),
              (select count(*) from queries), (select count(*) from queries where deleted_at is null),
              (select max(updated_at) from queries),
              (select count(*) from tags), (select max(updated_at) from tags),
              (select count(*) from query_tags),
              (select count(*) from cached_jobs), (select max(updated_at) from cached_jobs),
              (select count(*) from api_keys), (select max(updated_at) from api_keys),
              (select count(*) from webhook_endpoints), (select max(updated_at) from webhook_endpoints),
              (select count(*) from webhook_deliveries), (select max(updated_at) from webhook_deliveries))""";

    @LocalServerPort
    int serverPort;

    RawHttp raw;
    Random random;
    UUID organisation;
    UUID project;
    UUID otherOrganisation;
    List<String> ids = new ArrayList<>();

    @BeforeEach
    void data() {
        raw = new RawHttp(serverPort);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("BadInputFuzzApiTest seed: " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        random = new Random(seed);
        organisation = createOrganisation("Fuzz Org");
        project = createProject(organisation, "Fuzz Brand");
        otherOrganisation = createOrganisation("Other Fuzz Org");
        List<UUID> queries = createQueries(organisation, project, "best crm", "en", "US", "meilleur crm", "fr", "FR");
        Api.Response tag = api.post("/api/tags")
                .scope(organisation, project)
                .json(Map.of("name", "brand", "color", "#AABBCC"))
                .send();
        assertThat(tag.status()).isEqualTo(201);
        Api.Response jobs = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .body("{}")
                .send();
        assertThat(jobs.status()).isEqualTo(201);
        queries.forEach(id -> ids.add(id.toString()));
        jobs.json().forEach(job -> ids.add(job.get("id").asString()));
        Api.Response webhook = api.post("/api/webhooks")
                .organisation(organisation)
                .json(Map.of("url", "https://127.0.0.1/fuzz", "events", List.of("run.completed")))
                .send();
        assertThat(webhook.status()).isEqualTo(201);
        ids.add(webhook.json().get("id").asString());
        ids.add(api.post("/api/webhooks/" + webhook.json().get("id").asString() + "/test")
                .organisation(organisation)
                .send()
                .json()
                .get("id")
                .asString());
        ids.add(tag.json().get("id").asString());
        ids.add(project.toString());
        ids.add(organisation.toString());
    }

    record Endpoint(String method, String path) {}

    @Test
    void badInputAtEveryEndpointNeverAnswers5xxAlwaysAProblemAndWritesNothing() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(20);
        long started = System.nanoTime();
        int errors = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint endpoint = endpoints.get(i < endpoints.size() ? i : random.nextInt(endpoints.size()));
            String before = snapshot();
            Call call = call(endpoint);
            RawHttp.Response response = send(i, call);
            String what = "request " + i + ": " + call.describe() + "\nanswer " + response.status() + " "
                    + response.contentType() + " " + abbreviate(response.body());

            if (call.head().contains("Transfer-Encoding: gzip")) {
                // RFC 9112 6.1: a transfer coding the server does not implement is a 501, which
                // Tomcat answers (as a problem) before the service sees the request
                assertThat(response.status()).as(what).isIn(400, 501);
            } else {
                assertThat(response.status()).as(what).isLessThan(500);
            }
            if (response.status() >= 400) {
                errors++;
                assertThat(response.contentType()).as(what).startsWith("application/problem+json");
                JsonNode problem = JSON.readTree(response.body());
                assertThat(problem.get("status").asInt()).as(what).isEqualTo(response.status());
                assertThat(problem.get("type").asString()).as(what).startsWith("urn:cached-jobs:problem:");
                assertThat(problem.get("title").asString()).as(what).isNotBlank();
                assertThat(problem.has("instance")).as(what).isTrue();
                assertThat(response.body())
                        .as(what)
                        .doesNotContain(
                                "Exception", "java.", "tools.jackson", "org.", "SQL", "select ", "insert ", "\tat ");
                assertThat(snapshot()).as("rows changed by " + what).isEqualTo(before);
            }
        }
        System.out.printf(
                "BadInputFuzzApiTest: %d requests, %d errors, %d ms%n",
                REQUESTS, errors, (System.nanoTime() - started) / 1_000_000);
        assertThat(errors).isGreaterThan(REQUESTS / 2);
    }

    private RawHttp.Response send(int i, Call call) {
        try {
            return raw.send(call.head(), call.body(), call.chunked());
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("request " + i + ": " + call.describe(), e);
        }
    }

    /** Every operation of the OpenAPI document. */
    private List<Endpoint> endpoints() {
        JsonNode paths = api.get("/v3/api-docs").send().json().get("paths");
        List<Endpoint> endpoints = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                endpoints.add(new Endpoint(method.toUpperCase(), path));
            }
        }
        return endpoints;
    }

    record Call(String head, byte[] body, boolean chunked, String describe) {}

    private Call call(Endpoint endpoint) {
        String target = endpoint.path().replace("{id}", pathId()).replace("{deliveryId}", pathId()) + queryString();
        String method = random.nextInt(20) == 0 ? pick("PUT", "OPTIONS", "TRACE", "FOO", "get") : endpoint.method();
        List<String> headers = new ArrayList<>();
        headers.add("Host: localhost");
        credentials(headers, endpoint);
        tenantHeaders(headers);
        byte[] body = null;
        if (!endpoint.method().equals("GET") && !endpoint.method().equals("DELETE") || random.nextInt(5) == 0) {
            body = body(endpoint);
        }
        boolean chunked = body != null && random.nextInt(6) == 0;
        if (body != null && !chunked) {
            headers.add("Content-Length: " + body.length);
        }
        if (body != null || random.nextInt(4) == 0) {
            String contentType = contentType();
            if (contentType != null) {
                headers.add("Content-Type: " + contentType);
            }
        }
        if (random.nextInt(4) == 0) {
            headers.add("Accept: "
                    + pick(
                            "application/xml",
                            "text/html",
                            "*/*",
                            "application/json;q=abc",
                            "application/problem+json",
                            "image/png",
                            "garbage"));
        }
        if (random.nextInt(8) == 0) {
            headers.add(oddHeader());
        }
        String head = method + " " + target + " HTTP/1.1\r\n" + String.join("\r\n", headers);
        String shown = body == null ? "" : abbreviate(new String(body, StandardCharsets.UTF_8));
        return new Call(
                head, body, chunked, abbreviate(head.replace("\r\n", " | ")) + (chunked ? " chunked " : " ") + shown);
    }

    private String pathId() {
        return pick(
                () -> pick(ids),
                () -> pick(ids),
                () -> UUID.randomUUID().toString(),
                () -> "not-a-uuid",
                () -> "9".repeat(random.nextInt(5000) + 19),
                () -> "-1",
                () -> "0",
                () -> "99999999999999999999",
                () -> "%20",
                () -> "%C3%A9",
                () -> "%C3%28",
                () -> "%FF%FE",
                () -> "..%2F..%2Fetc",
                () -> pick(ids).toUpperCase(),
                () -> pick(ids) + "x",
                () -> "{id}",
                () -> "a%00b");
    }

    private String queryString() {
        if (random.nextInt(3) != 0) {
            return "";
        }
        return "?" + pick("limit", "page", "sort", "x", "from", "to") + "="
                + pick(
                        "-1",
                        "0",
                        "abc",
                        "1e3",
                        "99999999999",
                        "",
                        "%00",
                        "2147483648",
                        "1.5",
                        "%C3%28",
                        "5",
                        "2026-11-01",
                        "2026-02-30",
                        "0000-01-01",
                        "9999-12-31",
                        "%2B999999999-01-01")
                + (random.nextBoolean() ? "&page=" + pick("1", "-5", "x", "9".repeat(40)) : "");
    }

    /** Mostly good credentials, so that the bad input gets past security; sometimes bad ones. */
    private void credentials(List<String> headers, Endpoint endpoint) {
        String key = api.keyOf(organisation);
        switch (random.nextInt(16)) {
            case 0 -> {} // none
            case 1 -> headers.add("x-api-key: " + badHeaderValue());
            case 2 -> headers.add("x-api-key: cj_live_" + "A".repeat(43));
            case 3 -> {
                headers.add("x-api-key: " + key);
                headers.add("x-api-key: " + api.keyOf(otherOrganisation));
            }
            case 4 -> headers.add("x-api-key: " + api.keyOf(otherOrganisation));
            case 5 -> headers.add("Authorization: " + pick("Bearer ", "Bearer x", "Basic YTpi", "Bearer " + key));
            default ->
                headers.add(
                        endpoint.equals(new Endpoint("POST", "/api/organisations"))
                                ? "Authorization: Bearer " + Api.OPERATOR_TOKEN
                                : "x-api-key: " + key);
        }
    }

    private void tenantHeaders(List<String> headers) {
        switch (random.nextInt(12)) {
            case 0 -> {} // none
            case 1 -> headers.add("x-organisation-id: " + organisation);
            case 2 -> {
                headers.add("x-organisation-id: " + organisation);
                headers.add("x-organisation-id: " + otherOrganisation);
                headers.add("x-project-id: " + project);
            }
            case 3 -> {
                headers.add("x-organisation-id: " + badHeaderValue());
                headers.add("x-project-id: " + badHeaderValue());
            }
            case 4 -> {
                headers.add("x-organisation-id: " + otherOrganisation);
                headers.add("x-project-id: " + project);
            }
            case 5 -> {
                headers.add("X-ORGANISATION-ID: " + organisation.toString().toUpperCase());
                headers.add("x-project-id:    " + project + "   ");
            }
            default -> {
                headers.add("x-organisation-id: " + organisation);
                headers.add("x-project-id: " + project);
            }
        }
    }

    private String badHeaderValue() {
        return pick(
                () -> "",
                () -> "not-a-uuid",
                () -> UUID.randomUUID().toString(),
                () -> "a".repeat(random.nextInt(9000) + 100),
                () -> organisation + "," + project,
                () -> "\u00e9t\u00e9",
                () -> "12345678-1234-1234-1234-1234567890123",
                () -> "1-2-3-4-5",
                () -> "\u0001\u0002",
                () -> "null");
    }

    private String oddHeader() {
        return pick(
                () -> "X-Big: " + "x".repeat(random.nextInt(20000) + 1000),
                () -> "Bad Header: x",
                () -> "X-Control: a\u0001b",
                () -> "X-Latin: caf\u00e9",
                () -> ": no name",
                // never more than is sent: the server would rightly wait for the rest
                () -> "Content-Length: 0",
                () -> "Transfer-Encoding: gzip",
                () -> "Expect: 100-continue",
                () -> "X-Folded: a\r\n b",
                () -> "Content-Encoding: gzip");
    }

    private String contentType() {
        return pick(
                "application/json",
                "application/json",
                "application/json",
                "application/json; charset=UTF-8",
                "application/json; charset=ISO-8859-1",
                "application/json; charset=nonsense",
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "application/problem+json",
                "*/*",
                "a/b/c",
                "",
                null);
    }

    private byte[] body(Endpoint endpoint) {
        return switch (random.nextInt(14)) {
            case 0 -> new byte[0];
            case 1 -> bytes(pick("null", "[]", "\"text\"", "42", "true", "{}", "{} {}", "[{}]"));
            case 2 ->
                bytes(pick("{", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "]", "{\"a\" 1}", "\u0000", "{\"a\":\"\\q\"}"));
            case 3 -> bytes("[".repeat(random.nextInt(5000) + 600) + "]".repeat(10));
            case 4 -> bytes("{\"a\":".repeat(random.nextInt(2000) + 600) + "1" + "}".repeat(600));
            case 5 -> withInvalidUtf8(mutated(endpoint, NOT_UTF8));
            case 6 ->
                random.nextBoolean()
                        ? bytes("{\"name\":\"" + "x".repeat(1024 * 1024) + "\"}")
                        : bytes(" ".repeat(1024 * 1024 + 1));
            case 7 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
            default -> bytes(mutated(endpoint, badValue()));
        };
    }

    /** A good body for the endpoint with one value, anywhere in it, replaced by a bad one. */
    private String mutated(Endpoint endpoint, Object bad) {
        Object body = JSON.readValue(goodBody(endpoint), Object.class);
        List<Runnable> replacements = new ArrayList<>();
        collect(body, bad, replacements);
        if (replacements.isEmpty() || random.nextInt(10) == 0) {
            return JSON.writeValueAsString(bad);
        }
        replacements.get(random.nextInt(replacements.size())).run();
        return JSON.writeValueAsString(body);
    }

    @SuppressWarnings("unchecked")
    private void collect(Object node, Object bad, List<Runnable> replacements) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> object = (Map<String, Object>) map;
            for (String key : new ArrayList<>(object.keySet())) {
                replacements.add(() -> object.put(key, bad));
                collect(object.get(key), bad, replacements);
            }
            replacements.add(() -> object.put("unknown", bad));
        } else if (node instanceof List<?> list) {
            List<Object> array = (List<Object>) list;
            for (int i = 0; i < array.size(); i++) {
                int index = i;
                replacements.add(() -> array.set(index, bad));
                collect(array.get(i), bad, replacements);
            }
            replacements.add(() -> array.add(bad));
        }
    }

    private Object badValue() {
        return pick(
                () -> null,
                () -> "",
                () -> " ",
                () -> "x".repeat(random.nextInt(200_000) + 1),
                () -> -1,
                () -> 0,
                () -> Long.MAX_VALUE,
                () -> new java.math.BigInteger("9".repeat(random.nextInt(400) + 20)),
                () -> new java.math.BigDecimal("1e" + (random.nextInt(100_000) + 400)),
                () -> 1.5,
                () -> true,
                () -> List.of(),
                () -> List.of(1, "a", List.of()),
                () -> Map.of(),
                () -> Map.of("a", Map.of("b", List.of(1))),
                () -> "\u0000\u0001",
                () -> "\uD83D\uDE00 \u202E \uFEFF",
                () -> "\uD800",
                () -> "2023-02-30T25:61:00Z",
                () -> "'; drop table queries; --",
                () -> "%s%n${jndi:ldap://x}",
                () -> UUID.randomUUID().toString(),
                () -> "#GGGGGG",
                () -> "0 0 30 2 *",
                () -> "Mars/Olympus",
                () -> "pending",
                () -> "openai");
    }

    private String goodBody(Endpoint endpoint) {
        String query = ids.get(0);
        String tag = ids.get(ids.size() - 3);
        String path = endpoint.path();
        if (path.startsWith("/api/organisations")) {
            return "{\"name\":\"Fuzz\"}";
        }
        if (path.startsWith("/api/api-keys")) {
            return "{\"name\":\"k\",\"role\":\"viewer\",\"expiresAt\":\"2100-01-01T00:00:00.000Z\"}";
        }
        if (path.startsWith("/api/webhooks")) {
            return "{\"url\":\"https://127.0.0.1/fuzz\",\"events\":[\"run.completed\",\"engine.paused\"],"
                    + "\"description\":\"d\",\"enabled\":true}";
        }
        if (path.startsWith("/api/projects")) {
            return """
                    {"name":"P","website":"https://x.example","industry":"I","description":"d","recurrence":"daily",
                     "recurrenceTimezone":"UTC","recurrenceStatus":"active","llmProviders":["openai"],
                     "executionCount":2}""";
        }
        if (path.equals("/api/queries/many")) {
            return "{\"queries\":[{\"query\":\"q\",\"language\":\"en\",\"country\":\"US\",\"tagIds\":[" + tag + "]}]}";
        }
        if (path.equals("/api/queries/list")) {
            return """
                    {"query":"q","languages":["en"],"countries":["US"],"tagIds":[%s],"tagNames":["brand"],
                     "sort":[{"field":"query","direction":"ASC"}]}""".formatted(tag);
        }
        if (path.startsWith("/api/queries")) {
            return "{\"query\":\"q\",\"language\":\"en\",\"country\":\"US\",\"tagIds\":[" + tag + "]}";
        }
        if (path.startsWith("/api/tags")) {
            return "{\"name\":\"t\",\"color\":\"#AABBCC\"}";
        }
        if (path.equals("/api/cached-jobs/trigger")) {
            return "{\"aiModels\":[\"openai\"],\"executionCount\":1,\"queryIds\":[\"" + query + "\"],\"tagIds\":[" + tag
                    + "]}";
        }
        if (path.equals("/api/cached-jobs/many")) {
            return "{\"cachedJobs\":[{\"queryId\":\"" + query + "\",\"aiModels\":[\"openai\"],\"executionCount\":1}]}";
        }
        if (path.equals("/api/cached-jobs/list")) {
            return """
                    {"status":["pending"],"queryId":"%s","aiModels":["gpt-4.1-mini"],
                     "createdFrom":"2020-01-01T00:00:00.000Z","createdTo":"2100-01-01T00:00:00.000Z",
                     "restricted":false,"sort":[{"field":"createdAt","direction":"DESC"}]}""".formatted(query);
        }
        if (path.startsWith("/api/cached-jobs")) {
            return "{\"aiModels\":[\"openai\"],\"executionCount\":2,\"restricted\":true,\"status\":\"inactive\"}";
        }
        return "{}";
    }

    private static byte[] withInvalidUtf8(String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        byte[] marker = NOT_UTF8.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length; i++) {
            if (i + marker.length <= text.length
                    && java.util.Arrays.equals(text, i, i + marker.length, marker, 0, marker.length)) {
                out.writeBytes(new byte[] {
                    'a', (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80
                });
                i += marker.length - 1;
            } else {
                out.write(text[i]);
            }
        }
        return out.toByteArray();
    }

    private String snapshot() {
        return jdbc.queryForObject(SNAPSHOT, String.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " chars)";
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    @SafeVarargs
    private <T> T pick(Supplier<? extends T>... values) {
        return values[random.nextInt(values.length)].get();
    }
}
