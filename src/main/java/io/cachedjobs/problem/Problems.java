package io.cachedjobs.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the problem details every error answer carries, whoever writes it: the MVC handler, a
 * servlet filter, the error controller or Tomcat's error report valve. One builder keeps the shape
 * ({@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}) identical.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:cached-jobs:problem:";
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Seconds a client should wait before retrying a call the database could not serve. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private static final String UNAVAILABLE_DETAIL = "The database is not reachable; nothing was changed. Retry later.";
    private static final String INTERNAL_DETAIL =
            "The request failed unexpectedly; nothing was changed. The failure has been logged.";
    /** What a retry is safe after a failure that followed a commit (see {@link CommittedWrites}). */
    private static final String AFTER_SAVE = " A retry with the same Idempotency-Key answers without saving them "
            + "again; without a key, check what was saved before retrying.";

    private static final String UNAVAILABLE_AFTER_SAVE_DETAIL =
            "The database became unreachable after this request saved its changes, or while it did: they may "
                    + "be stored." + AFTER_SAVE;
    private static final String INTERNAL_AFTER_SAVE_DETAIL =
            "The request failed unexpectedly after it saved its changes: they are stored." + AFTER_SAVE
                    + " The failure has been logged.";

    private Problems() {}

    /** A problem typed and titled after its status, e.g. {@code content-too-large}, without errors. */
    public static ProblemDetail ofStatus(HttpStatusCode status, String detail, String path) {
        return of(status, typeOf(status), titleOf(status), detail, path, List.of());
    }

    /**
     * The 404 of a path no endpoint has, {@code path} as sent. Spring MVC matches no trailing slash,
     * so such a path also names the one the client most likely meant.
     */
    public static ProblemDetail noEndpoint(String method, String path) {
        String detail = "No endpoint " + method + " " + path;
        if (path.length() > 1 && path.endsWith("/")) {
            detail += "; paths take no trailing slash: " + method + " " + path.replaceAll("/+$", "");
        }
        return of(HttpStatus.NOT_FOUND, "no-endpoint", "No such endpoint", detail, path, List.of());
    }

    /**
     * The 503 of a call the database could not serve; it goes with {@link #RETRY_AFTER_SECONDS}.
     * {@code saved}: the call had committed writes (or may have) before it failed.
     */
    static ProblemDetail unavailable(String path, boolean saved) {
        return of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
                saved ? UNAVAILABLE_AFTER_SAVE_DETAIL : UNAVAILABLE_DETAIL,
                path,
                List.of());
    }

    /**
     * The 5xx (500 unless the container chose another) of a failure nobody foresaw; details stay in
     * the log. {@code saved}: the call had committed writes (or may have) before it failed.
     */
    static ProblemDetail internalError(HttpStatusCode status, String path, boolean saved) {
        return of(
                status,
                "internal-error",
                "Internal error",
                saved ? INTERNAL_AFTER_SAVE_DETAIL : INTERNAL_DETAIL,
                path,
                List.of());
    }

    /** The problem of an answer given on purpose: its status, type, title, detail and errors. */
    public static ProblemDetail of(ApiException answer, String path) {
        return of(
                HttpStatusCode.valueOf(answer.status()),
                answer.type(),
                answer.title(),
                answer.getMessage(),
                path,
                answer.errors());
    }

    /** A problem of type {@code urn:cached-jobs:problem:<type>}, naming the request path as instance. */
    public static ProblemDetail of(
            HttpStatusCode status, String type, String title, String detail, String path, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        problem.setInstance(instance(path));
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** The request path as a URI; a path that is not one (Tomcat lets few through) becomes {@code /}. */
    private static URI instance(String path) {
        if (path == null || path.isEmpty()) {
            return URI.create("/");
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException notAUri) {
            return URI.create("/");
        }
    }

    /** The reason phrase of a status, e.g. {@code Content Too Large}; {@code Error} when unknown. */
    public static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** The type Spring-made problems get: the reason phrase in kebab case, e.g. {@code method-not-allowed}. */
    public static String typeOf(HttpStatusCode status) {
        return titleOf(status).toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /**
     * The problem as a JSON-ready map, for writers that do not go through Spring's message
     * converters (filters, the error page, Tomcat's valve). The members are those of the MVC
     * answers; their order may differ.
     */
    static Map<String, Object> toMap(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", String.valueOf(problem.getInstance()));
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
