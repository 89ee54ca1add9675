package io.cachedjobs.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request.Method;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.cachedjobs.tenancy.ProjectScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Raw HTTP against the running service: any header, any body, nothing fixed up on the way but the
 * API key. A request without an {@code x-api-key} header of its own gets the key of the
 * organisation its {@code x-organisation-id} names, or else the first organisation's created
 * through this Api ({@link #remember}); {@link Request#withoutKey()} sends none.
 *
 * <p>Every answer to a request whose method and path are an operation of the service's own OpenAPI
 * document is checked against that document: an answer the document does not describe (a status,
 * a media type, a field or a header) fails the test with an {@link AssertionError}. Only answers
 * are checked, never requests: many tests send what the document rules out on purpose.
 */
public final class Api {

    /** The operator token of the test runs (src/test/resources/config/application.yml). */
    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

    public static final String KEY_HEADER = "x-api-key";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * The document's validator, per port: a service's document is fetched once, not per test, and
     * each test context (a port of its own) may document other limits.
     */
    private static final Map<Integer, Document> DOCUMENTS = new ConcurrentHashMap<>();

    /** Answers checked against a document in this test run, and those of no operation of it. */
    private static final AtomicInteger CHECKED = new AtomicInteger();

    private static final AtomicInteger UNCHECKED = new AtomicInteger();

    static {
        // A count at the end of the run shows that the check ran, over how many answers.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(
                        Path.of("target", "answers-checked-against-openapi.txt"),
                        CHECKED.get() + " answers checked against /v3/api-docs, " + UNCHECKED.get()
                                + " answers to requests that are no operation of it\n");
            } catch (IOException | RuntimeException noTargetDirectory) {
                // not run from the build's directory: nothing to report into
            }
        }));
    }

    /**
     * A service's document: its validator, and the methods of each path. A request is an operation of
     * the document when a path matches it and has its method, a path without variables matching
     * before the templated ones ({@code /api/cached-jobs/trigger} before {@code
     * /api/cached-jobs/{id}}), as OpenAPI says and the validator does not.
     */
    private record Document(OpenApiInteractionValidator validator, Map<String, List<String>> paths) {

        boolean isOperation(String method, String path) {
            String lower = method.toLowerCase(Locale.ROOT);
            List<String> concrete = paths.get(path);
            if (concrete != null) {
                return concrete.contains(lower);
            }
            return paths.entrySet().stream()
                    .anyMatch(entry -> entry.getKey().contains("{")
                            && path.matches(entry.getKey().replaceAll("\\{[^/}]+}", "[^/]+"))
                            && entry.getValue().contains(lower));
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;
    private final String base;
    private final Map<String, String> keys = new HashMap<>();
    private String firstKey;

    public Api(int port) {
        this.port = port;
        this.base = "http://localhost:" + port;
    }

    /** This service's document, fetched on first use. */
    private Document document() {
        return DOCUMENTS.computeIfAbsent(port, unused -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v3/api-docs"))
                    .GET()
                    .build();
            try {
                HttpResponse<String> document = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (document.statusCode() != 200) {
                    throw new IllegalStateException("No OpenAPI document: " + document.statusCode());
                }
                Map<String, List<String>> paths = new HashMap<>();
                JSON.readTree(document.body())
                        .get("paths")
                        .properties()
                        .forEach(path -> paths.put(
                                path.getKey(), List.copyOf(path.getValue().propertyNames())));
                OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(
                                asOpenApi30(document.body()))
                        // Requests are not checked (tests send hostile ones on purpose), and a request
                        // that matches no operation leaves its answer unchecked.
                        .withLevelResolver(LevelResolver.create()
                                .withLevel("validation.request", ValidationReport.Level.IGNORE)
                                .build())
                        .build();
                return new Document(validator, paths);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * The document as OpenAPI 3.0, the version whose schemas the validator reads: it reads the
     * schemas of a 3.1 document without their types, and so lets any value through. The one 3.1
     * form springdoc writes here, a type list such as {@code ["string", "null"]}, becomes its 3.0
     * equivalent, the type with {@code nullable: true}.
     */
    public static String asOpenApi30(String document) {
        JsonNode root = JSON.readTree(document);
        ((ObjectNode) root).put("openapi", "3.0.3");
        nullableAsOpenApi30(root);
        return JSON.writeValueAsString(root);
    }

    private static void nullableAsOpenApi30(JsonNode node) {
        if (node instanceof ObjectNode object && object.get("type") instanceof ArrayNode types) {
            List<String> named = new ArrayList<>();
            types.forEach(type -> named.add(type.asString()));
            List<String> notNull =
                    named.stream().filter(type -> !type.equals("null")).toList();
            if (notNull.size() != 1) {
                throw new IllegalStateException("No OpenAPI 3.0 form for the type list " + named);
            }
            object.put("type", notNull.get(0));
            if (named.contains("null")) {
                object.put("nullable", true);
            }
        }
        node.values().forEach(Api::nullableAsOpenApi30);
    }

    /**
     * Fails when the answer to a request that is an operation of the document is not as the
     * document describes it. Paths the document cannot hold are skipped before any look-up.
     */
    private void checkAgainstDocument(String method, URI uri, HttpResponse<String> response) {
        String path = uri.getRawPath();
        if (path == null
                || !path.startsWith("/api/")
                || path.startsWith("/actuator")
                || path.startsWith("/v3/api-docs")
                || path.startsWith("/swagger-ui")) {
            UNCHECKED.incrementAndGet();
            return;
        }
        Method documented;
        try {
            documented = Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notAnOperationMethod) {
            UNCHECKED.incrementAndGet();
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach(answer::withHeader);
        if (!response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        Document document = document();
        if (!document.isOperation(method, path)) {
            UNCHECKED.incrementAndGet();
            return;
        }
        CHECKED.incrementAndGet();
        ValidationReport report = document.validator().validateResponse(path, documented, answer.build());
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " answered "
                    + response.statusCode() + ", which /v3/api-docs does not describe:\n"
                    + report.getMessages().stream()
                            .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                            .map(message -> "  [" + message.getKey() + "] " + message.getMessage())
                            .collect(Collectors.joining("\n"))
                    + "\nbody: " + response.body());
        }
    }

    /** Sends {@code key} with the calls of {@code organisation} from now on. */
    public void remember(UUID organisation, String key) {
        keys.put(organisation.toString(), key);
        if (firstKey == null) {
            firstKey = key;
        }
    }

    /** The key of the first organisation created through this Api: the caller's own. */
    public String firstKey() {
        return firstKey;
    }

    /** The key this Api sends for {@code organisation}. */
    public String keyOf(UUID organisation) {
        return keys.get(organisation.toString());
    }

    /** Creates an organisation with the operator token and remembers its first admin key. */
    public UUID createOrganisation(String name) {
        Response response =
                post("/api/organisations").operator().json(Map.of("name", name)).send();
        if (response.status() != 201) {
            throw new IllegalStateException("Organisation not created: " + response.status() + " " + response.body());
        }
        UUID id = UUID.fromString(response.json().get("id").asString());
        remember(id, response.json().get("apiKey").get("key").asString());
        return id;
    }

    /** An answer; {@code headers} holds every response header, for those without an accessor. */
    public record Response(int status, String contentType, String location, String body, HttpHeaders headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The first value of a response header (names are case-insensitive), or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Request post(String path) {
        return new Request("POST", path);
    }

    public Request get(String path) {
        return new Request("GET", path);
    }

    public Request method(String method, String path) {
        return new Request(method, path);
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public final class Request {
        private final String method;
        private final String path;
        private final List<String> headers = new ArrayList<>();
        private String body;
        private String contentType = "application/json";
        private boolean withoutKey;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        /** Sends no API key, unless one is set with {@link #header}. */
        public Request withoutKey() {
            withoutKey = true;
            return this;
        }

        public Request key(String key) {
            return header(KEY_HEADER, key);
        }

        /** The operator token instead of an API key. */
        public Request operator() {
            return withoutKey().header("Authorization", "Bearer " + OPERATOR_TOKEN);
        }

        public Request organisation(UUID id) {
            return header("x-organisation-id", id.toString());
        }

        public Request scope(ProjectScope scope) {
            return scope(scope.organisationId(), scope.projectId());
        }

        public Request scope(UUID organisation, UUID project) {
            return organisation(organisation).header("x-project-id", project.toString());
        }

        public Request body(String raw) {
            this.body = raw;
            return this;
        }

        public Request json(Object value) {
            return body(Api.json(value));
        }

        public Request contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /** The first value of a header set on this request, or null. */
        private String named(String name) {
            for (int i = 0; i < headers.size(); i += 2) {
                if (headers.get(i).equalsIgnoreCase(name)) {
                    return headers.get(i + 1);
                }
            }
            return null;
        }

        private String keyFor(String organisation) {
            String key =
                    organisation == null ? null : keys.get(organisation.trim().toLowerCase(Locale.ROOT));
            return key != null ? key : firstKey;
        }

        public Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null && contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (!headers.isEmpty()) {
                request.headers(headers.toArray(String[]::new));
            }
            String key = withoutKey || named(KEY_HEADER) != null ? null : keyFor(named("x-organisation-id"));
            if (key != null) {
                request.header(KEY_HEADER, key);
            }
            try {
                HttpRequest built = request.build();
                HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
                checkAgainstDocument(method, built.uri(), response);
                return new Response(
                        response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null),
                        response.headers().firstValue("Location").orElse(null),
                        response.body(),
                        response.headers());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
