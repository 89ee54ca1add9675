package io.cachedjobs.support;

import io.cachedjobs.web.ProjectScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Raw HTTP against the running service: any header, any body, nothing fixed up on the way. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
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

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
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
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
