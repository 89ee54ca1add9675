package io.cachedjobs.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request.Method;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answers the service's own OpenAPI document describes, checked for {@link Api} and {@link
 * RawHttp} alike: an answer to a request whose method and path are an operation of the document
 * fails the test with an {@link AssertionError} when the document does not describe it (a status,
 * a media type, a field or a header). Only answers are checked, never requests: many tests send
 * what the document rules out on purpose.
 */
public final class DocumentedAnswers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Per port: a service's document is fetched once, not per test, and each test context (a port
     * of its own) may document other limits.
     */
    private static final Map<Integer, DocumentedAnswers> DOCUMENTS = new ConcurrentHashMap<>();

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

    private final OpenApiInteractionValidator validator;
    /** The methods of each path, lower case as the document writes them. */
    private final Map<String, List<String>> paths;

    private DocumentedAnswers(OpenApiInteractionValidator validator, Map<String, List<String>> paths) {
        this.validator = validator;
        this.paths = paths;
    }

    /** The document of the service on {@code port}, fetched on first use. */
    public static DocumentedAnswers of(int port) {
        return DOCUMENTS.computeIfAbsent(port, DocumentedAnswers::fetch);
    }

    private static DocumentedAnswers fetch(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                .GET()
                .build();
        try {
            HttpResponse<String> document =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() == 404) {
                // A port that serves no document (the actuator's own) serves no documented
                // operation: its answers are counted, not checked. The API's document is checked
                // itself by OpenApiDocumentTest.
                return new DocumentedAnswers(null, Map.of());
            }
            if (document.statusCode() != 200) {
                throw new IllegalStateException("No OpenAPI document: " + document.statusCode());
            }
            Map<String, List<String>> paths = new HashMap<>();
            JSON.readTree(document.body())
                    .get("paths")
                    .properties()
                    .forEach(path ->
                            paths.put(path.getKey(), List.copyOf(path.getValue().propertyNames())));
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(
                            asOpenApi30(document.body()))
                    // Requests are not checked (tests send hostile ones on purpose), and a request
                    // that matches no operation leaves its answer unchecked.
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
            return new DocumentedAnswers(validator, paths);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The document as OpenAPI 3.0, the version whose schemas the validator reads: it reads the
     * schemas of a 3.1 document without their types, and so lets any value through. The one 3.1
     * form springdoc writes here, a type list such as {@code ["string", "null"]}, becomes its 3.0
     * equivalent, the type with {@code nullable: true}.
     */
    static String asOpenApi30(String document) {
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
        node.values().forEach(DocumentedAnswers::nullableAsOpenApi30);
    }

    /**
     * Whether {@code method} and {@code path} (raw, as sent) are an operation of the document. The
     * method is matched as HTTP does, case and all: {@code get} is no GET. A path without variables
     * matches before the templated ones ({@code /api/cached-jobs/trigger} before {@code
     * /api/cached-jobs/{id}}), as OpenAPI says and the validator does not.
     */
    private boolean isOperation(String method, String path) {
        if (!method.equals(method.toUpperCase(Locale.ROOT))) {
            return false;
        }
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

    private static boolean ndjson(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .filter(header -> header.getKey() != null && header.getKey().equalsIgnoreCase("content-type"))
                .flatMap(header -> header.getValue().stream())
                .anyMatch(value -> value.startsWith("application/x-ndjson"));
    }

    /**
     * Fails when the answer to a request that is an operation of the document is not as the
     * document describes it; the answer to any other request is counted and let through.
     *
     * @param path the request's path, raw as sent (without the query)
     * @param request what the request was, for the failure's message
     */
    public void check(
            String method, String path, String request, int status, Map<String, List<String>> headers, String body) {
        if (path == null || !path.startsWith("/api/") || !isOperation(method, path)) {
            UNCHECKED.incrementAndGet();
            return;
        }
        CHECKED.incrementAndGet();
        if ((body == null || body.isEmpty()) && ndjson(headers)) {
            // An export with no line: NDJSON of zero objects is empty, which the validator, reading
            // a body schema, would take for a missing body.
            return;
        }
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status);
        headers.forEach(answer::withHeader);
        if (body != null && !body.isEmpty()) {
            answer.withBody(body);
        }
        ValidationReport report = validator.validateResponse(path, Method.valueOf(method), answer.build());
        if (report.hasErrors()) {
            throw new AssertionError(request + " answered " + status + ", which /v3/api-docs does not describe:\n"
                    + report.getMessages().stream()
                            .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                            .map(message -> "  [" + message.getKey() + "] " + message.getMessage())
                            .collect(Collectors.joining("\n"))
                    + "\nbody: " + body);
        }
    }
}
