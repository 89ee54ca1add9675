package io.cachedjobs.support;

import io.cachedjobs.tenancy.ProjectScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP against the running service: any header, any body, nothing fixed up on the way but the
 * API key. A request without an {@code x-api-key} header of its own gets the key of the
 * organisation its {@code x-organisation-id} names, or else the first organisation's created
 * through this Api ({@link #remember}); {@link Request#withoutKey()} sends none.
 *
 * <p>Every answer to a request whose method and path are an operation of the service's own OpenAPI
 * document is checked against that document ({@link DocumentedAnswers}).
 */
public final class Api {

    /** The operator token of the test runs (src/test/resources/config/application.yml). */
    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

    public static final String KEY_HEADER = "x-api-key";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final int port;
    private final String base;
    private final Map<String, String> keys = new HashMap<>();
    private String firstKey;

    public Api(int port) {
        this.port = port;
        this.base = "http://localhost:" + port;
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
                URI uri = built.uri();
                DocumentedAnswers.of(port)
                        .check(
                                method,
                                uri.getRawPath(),
                                method + " " + uri.getRawPath()
                                        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                                response.statusCode(),
                                response.headers().map(),
                                response.body());
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
