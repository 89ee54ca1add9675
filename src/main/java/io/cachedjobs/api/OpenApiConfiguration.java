package io.cachedjobs.api;

import io.cachedjobs.paging.PageParams;
import io.cachedjobs.problem.Problems;
import io.cachedjobs.tenancy.OrganisationScope;
import io.cachedjobs.tenancy.ProjectScope;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The OpenAPI document: the tenant headers and the problem answers are added here, once, to every
 * operation that has them, instead of being annotated on each controller method.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";

    static {
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(OrganisationScope.class, ProjectScope.class, PageParams.class);
    }

    @Bean
    OpenAPI cachedJobsApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("cached-jobs")
                        .version("v1")
                        .description("Projects (brands) track queries; a cached job asks one query to a set of AI "
                                + "models a given number of times. `POST /api/cached-jobs/trigger` turns every "
                                + "query of a project into a cached job. Errors are RFC 9457 problem details."))
                .components(new Components().addSchemas(PROBLEM, problemSchema()));
    }

    @Bean
    OperationCustomizer tenantHeadersAndProblems() {
        return (operation, handler) -> {
            List<Class<?>> parameterTypes = Arrays.stream(handler.getMethodParameters())
                    .<Class<?>>map(parameter -> parameter.getParameterType())
                    .toList();
            boolean project = parameterTypes.contains(ProjectScope.class);
            boolean organisation = project || parameterTypes.contains(OrganisationScope.class);
            boolean body = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
            boolean pathId = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(PathVariable.class));
            if (organisation) {
                operation.addParametersItem(
                        header(TenantHeaders.ORGANISATION, "Organisation ID to specify the organisation context"));
            }
            if (project) {
                operation.addParametersItem(header(TenantHeaders.PROJECT, "Project ID to specify the project context"));
            }
            boolean paging = Arrays.stream(handler.getMethodParameters())
                    .filter(parameter -> parameter.getParameterType() == PageParams.class)
                    .findFirst()
                    .map(parameter -> {
                        addPagingParameters(operation, PageParamsResolver.maxOf(parameter));
                        return true;
                    })
                    .orElse(false);
            // Any call may be no valid HTTP (a malformed or oversized header), which Tomcat refuses
            // with a 400 before the call runs (ProblemReportValve), so every operation has one.
            if (body || organisation || pathId || paging) {
                problem(
                        operation,
                        "400",
                        "Invalid request: each problem is named in `errors`; or not valid HTTP, refused before the call");
            } else {
                problem(
                        operation,
                        "400",
                        problemResponse(
                                "400",
                                "bad-request",
                                "Not valid HTTP (a malformed or oversized header), refused before the call"));
            }
            if (organisation || pathId) {
                problem(operation, "404", "Not found in the caller's organisation or project");
            }
            // AcceptHeaderInterceptor refuses, before the call runs, an Accept that rules JSON out.
            problem(operation, "406", "The `Accept` header rules out `application/json`, the only type answered");
            // RequestBodyFilter and JsonBodyFilter check every body before the call runs, also one
            // sent to a call that reads none.
            String unread = body ? "" : " (this call reads no body, but one sent is checked)";
            problem(operation, "408", "The body did not arrive within `cachedjobs.http.body-timeout`" + unread);
            problem(operation, "413", "A body larger than `cachedjobs.http.max-body-size`" + unread);
            problem(operation, "415", "The body is not `application/json`" + unread);
            Conflict conflict = handler.getMethodAnnotation(Conflict.class);
            if (conflict != null) {
                problem(operation, "409", conflict.value());
            }
            problem(operation, "500", "Unexpected failure; `detail` says whether the request saved anything first");
            problem(
                    operation,
                    "503",
                    problemResponse("503", "The database is unreachable; retry after `Retry-After` seconds")
                            .addHeaderObject(HttpHeaders.RETRY_AFTER, retryAfter()));
            return operation;
        };
    }

    private static void addPagingParameters(Operation operation, int max) {
        operation.addParametersItem(new QueryParameter()
                .name("limit")
                .description("Results per page, at most " + max)
                .schema(new IntegerSchema()
                        .minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(max))
                        ._default(PageParams.DEFAULT_LIMIT)));
        operation.addParametersItem(new QueryParameter()
                .name("page")
                .description("1-based page number; past the last page, results are empty")
                .schema(new IntegerSchema()
                        .minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(Integer.MAX_VALUE))
                        ._default(1)));
    }

    /** The {@code Retry-After} header of an answer that always carries it: 503, 429. */
    public static Header retryAfter() {
        return new Header()
                .description("Seconds to wait before retrying")
                .required(true)
                .schema(new IntegerSchema().minimum(BigDecimal.ONE));
    }

    private static HeaderParameter header(String name, String description) {
        HeaderParameter header = new HeaderParameter();
        header.name(name)
                .required(true)
                .description(description)
                // No example: Swagger UI would fill it in, and an id of no one's answers 403 or 404.
                .schema(new StringSchema().format("uuid"));
        return header;
    }

    private static void problem(Operation operation, String status, String description) {
        problem(operation, status, problemResponse(status, description));
    }

    private static void problem(Operation operation, String status, ApiResponse response) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().addApiResponse(status, response);
    }

    /**
     * A problem answer of the document, for the features that document answers of their own
     * (idempotency, security): every problem refers to the one schema, with an example of {@code
     * status} typed as that status's problems usually are.
     */
    public static ApiResponse problemResponse(String status, String description) {
        return problemResponse(status, EXAMPLE_TYPES.getOrDefault(status, "error"), description);
    }

    /** {@link #problemResponse(String, String)} with an example of the given problem type. */
    public static ApiResponse problemResponse(String status, String type, String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                Problems.MEDIA_TYPE,
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                                        .example(example(Integer.parseInt(status), type))));
    }

    /** The type of each status's problems, as the service answers them (the suffix after the prefix). */
    private static final Map<String, String> EXAMPLE_TYPES = Map.ofEntries(
            Map.entry("400", "invalid-request"),
            Map.entry("401", "unauthenticated"),
            Map.entry("403", "forbidden"),
            Map.entry("404", "not-found"),
            Map.entry("406", "not-acceptable"),
            Map.entry("409", "conflict"),
            Map.entry("413", "content-too-large"),
            Map.entry("415", "unsupported-media-type"),
            Map.entry("422", "idempotency-mismatch"),
            Map.entry("429", "too-many-requests"),
            Map.entry("500", "internal-error"),
            Map.entry("503", "unavailable"));

    private static Map<String, Object> example(int status, String type) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.TYPE_PREFIX + type);
        problem.put("title", Problems.titleOf(HttpStatusCode.valueOf(status)));
        problem.put("status", status);
        problem.put("detail", EXAMPLE_DETAILS.getOrDefault(type, Problems.titleOf(HttpStatusCode.valueOf(status))));
        problem.put("instance", "/api/cached-jobs/trigger");
        if (type.equals("invalid-request")) {
            problem.put("errors", List.of(Map.of("field", "executionCount", "message", "must be between 1 and 100")));
        }
        return problem;
    }

    /** A detail for each example, in the words the service's own problems use. */
    private static final Map<String, String> EXAMPLE_DETAILS = Map.ofEntries(
            Map.entry("invalid-request", "executionCount: must be between 1 and 100"),
            Map.entry(
                    "bad-request",
                    "The request was refused before it reached the service: it is not a valid HTTP request."),
            Map.entry("unauthenticated", "This call needs an API key in the x-api-key header."),
            Map.entry("forbidden", "An editor or admin key is needed for this call."),
            Map.entry("not-found", "No project 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c in this organisation."),
            Map.entry("not-acceptable", "The API answers application/json only."),
            Map.entry("conflict", "A tag named Competitors exists in this project."),
            Map.entry("idempotency-in-progress", "A call with this Idempotency-Key is still running."),
            Map.entry("content-too-large", "The request body is larger than 1048576 bytes; nothing was changed."),
            Map.entry("unsupported-media-type", "Content-Type: the body must be application/json."),
            Map.entry("idempotency-mismatch", "This Idempotency-Key was used for another request."),
            Map.entry("too-many-requests", "This API key has made more calls than its limits allow."),
            Map.entry("internal-error", "The request failed unexpectedly; nothing was changed."),
            Map.entry("unavailable", "The database is not reachable; nothing was changed. Retry later."));

    private static Schema<?> problemSchema() {
        Schema<?> error = new ObjectSchema()
                .addProperty("field", new StringSchema().example("executionCount"))
                .addProperty("message", new StringSchema().example("must be between 1 and 100"));
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").example(Problems.TYPE_PREFIX + "invalid-request"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("executionCount: must be between 1 and 100"))
                // A path, not an absolute URI: a URI reference.
                .addProperty(
                        "instance", new StringSchema().format("uri-reference").example("/api/cached-jobs/trigger"))
                .addProperty(
                        "errors", new ArraySchema().items(error).description("Present on 400 and on 404 of a batch"));
    }
}
