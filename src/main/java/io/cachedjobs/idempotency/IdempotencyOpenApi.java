package io.cachedjobs.idempotency;

import io.cachedjobs.api.OpenApiConfiguration;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents {@code Idempotency-Key} on the operations {@link IdempotencyFilter} covers. It works on
 * the finished document (by path, the filter's own key), after the operation customizers of
 * {@code web} have added the problem answers, whose format it reuses.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyOpenApi {

    private static final String KEY_DESCRIPTION = "Optional. Makes a retry safe: the first call with a key runs and "
            + "its answer is kept per organisation (24 hours unless configured otherwise); a repeat of the same request (method, "
            + "path, x-project-id and body) gets that answer again with `Idempotent-Replayed: true` and creates "
            + "nothing. 1 to 255 visible ASCII characters, e.g. a UUID made by the client for each new request.";

    @Bean
    OpenApiCustomizer idempotencyKeyDocumentation() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            IdempotentEndpoints.PATHS.forEach(path -> {
                PathItem item = openApi.getPaths().get(path);
                if (item != null && item.getPost() != null) {
                    document(item.getPost());
                }
            });
        };
    }

    private static void document(Operation operation) {
        operation.addParametersItem(new HeaderParameter()
                .name(IdempotencyFilter.KEY_HEADER)
                .required(false)
                .description(KEY_DESCRIPTION)
                .schema(new StringSchema()
                        .minLength(1)
                        .maxLength(IdempotencyFilter.MAX_KEY_LENGTH)
                        .pattern("^[\\x21-\\x7E]+$")
                        .example("5f0c2a8e-3b1d-4c7e-9a6f-2d8b1e4c7a90")));
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
            responses.addApiResponse("409", OpenApiConfiguration.problemResponse(running));
        } else {
            conflict.setDescription(conflict.getDescription() + "; or: " + running);
        }
        responses.addApiResponse(
                "422",
                OpenApiConfiguration.problemResponse(
                        "The Idempotency-Key was used for another request (`idempotency-mismatch`)"));
        responses.addApiResponse(
                "413", OpenApiConfiguration.problemResponse("A body larger than `cachedjobs.http.max-body-size`"));
    }
}
