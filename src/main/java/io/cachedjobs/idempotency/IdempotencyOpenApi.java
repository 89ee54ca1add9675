package io.cachedjobs.idempotency;

import io.cachedjobs.api.Idempotent;
import io.cachedjobs.api.OpenApiConfiguration;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Documents {@code Idempotency-Key} on the operations {@link IdempotencyFilter} covers: those whose
 * controller method is {@link Idempotent}. It works on the finished document, after the operation
 * customizers of {@code api} have added the problem answers, whose format it reuses (springdoc runs
 * operation customizers in no set order).
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyOpenApi {

    private static final String KEY_DESCRIPTION = "Optional. Makes a retry safe: the first call with a key runs and "
            + "its answer is kept per organisation (24 hours unless configured otherwise); a repeat of the same request (method, "
            + "path, x-project-id and body) gets that answer again with `Idempotent-Replayed: true` and creates "
            + "nothing. 1 to 255 visible ASCII characters, e.g. a UUID made by the client for each new request.";

    /** A path variable with its regular expression, {@code {id:[0-9]{1,18}}}, within one segment. */
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+):[^/]*}");

    @Bean
    OpenApiCustomizer idempotencyKeyDocumentation(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mvc) {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            mvc.getObject().getHandlerMethods().forEach((route, handler) -> {
                if (!handler.hasMethodAnnotation(Idempotent.class) || route.getPathPatternsCondition() == null) {
                    return;
                }
                for (String pattern : route.getPathPatternsCondition().getPatternValues()) {
                    PathItem item = openApi.getPaths().get(documentPath(pattern));
                    if (item == null) {
                        continue;
                    }
                    for (RequestMethod method : route.getMethodsCondition().getMethods()) {
                        Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.name()));
                        if (operation != null) {
                            document(operation);
                        }
                    }
                }
            });
        };
    }

    /** The document's path for a route: springdoc writes {@code {id:regex}} as {@code {id}}. */
    private static String documentPath(String pattern) {
        return VARIABLE.matcher(pattern).replaceAll("{$1}");
    }

    private static void document(Operation operation) {
        operation.addParametersItem(new HeaderParameter()
                .name(IdempotencyFilter.KEY_HEADER)
                .required(false)
                .description(KEY_DESCRIPTION)
                .schema(new StringSchema()
                        .minLength(1)
                        .maxLength(IdempotencyFilter.MAX_KEY_LENGTH)
                        // No example: Swagger UI would fill it in for every "Try it out", so that
                        // each later call replayed the first one's answer.
                        .pattern("^[\\x21-\\x7E]+$")));
        ApiResponses responses = operation.getResponses();
        Header replayed = new Header()
                .description("`true` when this answer is the one kept for an earlier call with the same "
                        + "Idempotency-Key (any kept answer carries it, errors included); absent otherwise")
                .schema(new StringSchema()._enum(List.of("true")));
        responses.forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeaderObject(IdempotencyFilter.REPLAYED_HEADER, replayed);
            }
        });
        String running = "A call with the same Idempotency-Key is still running "
                + "(`idempotency-in-progress`): retry after `Retry-After` seconds";
        ApiResponse conflict = responses.get("409");
        if (conflict == null) {
            responses.addApiResponse(
                    "409", OpenApiConfiguration.problemResponse("409", "idempotency-in-progress", running));
        } else {
            conflict.setDescription(conflict.getDescription() + "; or: " + running);
        }
        responses.addApiResponse(
                "422",
                OpenApiConfiguration.problemResponse(
                        "422", "The Idempotency-Key was used for another request (`idempotency-mismatch`)"));
    }
}
