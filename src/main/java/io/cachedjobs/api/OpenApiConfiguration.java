package io.cachedjobs.api;

import io.cachedjobs.paging.PageParams;
import io.cachedjobs.problem.Problems;
import io.cachedjobs.tenancy.OrganisationScope;
import io.cachedjobs.tenancy.ProjectScope;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
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
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
            if (body || organisation || pathId || paging) {
                problem(operation, "400", "Invalid request: each problem is named in `errors`");
            }
            if (organisation || pathId) {
                problem(operation, "404", "Not found in the caller's organisation or project");
            }
            // AcceptHeaderInterceptor refuses, before the call runs, an Accept that rules JSON out.
            problem(operation, "406", "The `Accept` header rules out `application/json`, the only type answered");
            if (body) {
                // MaxBodySizeFilter and JsonBodyFilter read every body before the call does.
                problem(operation, "413", "A body larger than `cachedjobs.http.max-body-size`");
                problem(operation, "415", "The body is not `application/json`");
            }
            Conflict conflict = handler.getMethodAnnotation(Conflict.class);
            if (conflict != null) {
                problem(operation, "409", conflict.value());
            }
            problem(operation, "500", "Unexpected failure; nothing was changed");
            problem(operation, "503", "The database is unreachable; retry after `Retry-After` seconds");
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
                .schema(new IntegerSchema().minimum(BigDecimal.ONE)._default(1)));
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
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().addApiResponse(status, problemResponse(description));
    }

    /**
     * A problem answer of the document, for the features that document answers of their own
     * (idempotency, security): every problem refers to the one schema.
     */
    public static ApiResponse problemResponse(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                Problems.MEDIA_TYPE,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

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
