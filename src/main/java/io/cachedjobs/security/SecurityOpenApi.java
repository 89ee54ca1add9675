package io.cachedjobs.security;

import io.cachedjobs.api.OpenApiConfiguration;
import io.cachedjobs.ratelimit.RateLimitGate;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The key scheme in the OpenAPI document, so that Swagger UI's "Authorize" takes a key: every
 * operation needs {@value #API_KEY} unless it names {@value #OPERATOR_TOKEN} instead, and each
 * documents the 401 and 403 answers.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityOpenApi {

    public static final String API_KEY = "apiKey";
    public static final String OPERATOR_TOKEN = "operatorToken";

    @Bean
    OpenApiCustomizer securityDocumentation() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            API_KEY,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.APIKEY)
                                    .in(SecurityScheme.In.HEADER)
                                    .name(ApiKeyFilter.HEADER)
                                    .description("An API key of the organisation: `cj_live_` and 43 characters. The "
                                            + "first admin key comes with the organisation; admins make more "
                                            + "at `POST /api/api-keys`."))
                    .addSecuritySchemes(
                            OPERATOR_TOKEN,
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .description("The operator token of CACHEDJOBS_ADMIN_TOKEN: creates "
                                            + "organisations, resumes paused engine accounts and reads the "
                                            + "actuator endpoints."));
            openApi.addSecurityItem(new SecurityRequirement().addList(API_KEY));
            if (openApi.getPaths() != null) {
                openApi.getPaths()
                        .values()
                        .forEach(item -> item.readOperations().forEach(SecurityOpenApi::document));
            }
        };
    }

    private static void document(Operation operation) {
        ApiResponses responses = operation.getResponses();
        if (responses == null || responses.get("500") == null) {
            return; // not an operation of the API's controllers
        }
        boolean operator = operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey(OPERATOR_TOKEN));
        responses.addApiResponse(
                "401",
                OpenApiConfiguration.problemResponse(
                        "401",
                        operator
                                ? "No operator token, or not the right one"
                                : "No API key, or one that is unknown, revoked or expired"));
        responses.addApiResponse(
                "403",
                OpenApiConfiguration.problemResponse(
                        "403",
                        operator
                                ? "Organisation creation is off (no operator token configured)"
                                : "The key's role lacks the right, or x-organisation-id is not the key's organisation"));
        if (operator) {
            return;
        }
        responses.addApiResponse(
                "429",
                OpenApiConfiguration.problemResponse(
                                "429",
                                "The key made more calls than its rate limits allow; retry after `Retry-After` seconds")
                        .addHeaderObject(HttpHeaders.RETRY_AFTER, OpenApiConfiguration.retryAfter()));
        // A 401 is answered before any bucket is written into the headers: no usable key to report on.
        responses.forEach((status, response) -> {
            if (!status.equals("401")) {
                RATE_LIMIT_HEADERS.forEach(response::addHeaderObject);
            }
        });
    }

    /** The headers every answer to a key's call carries. */
    private static final Map<String, Header> RATE_LIMIT_HEADERS = Map.of(
            RateLimitGate.LIMIT_HEADER,
            header("The capacity of the key's bucket that binds now: the burst, or the hourly limit"),
            RateLimitGate.REMAINING_HEADER,
            header("Calls left in that bucket"),
            RateLimitGate.RESET_HEADER,
            header("Seconds until that bucket is full again"));

    private static Header header(String description) {
        return new Header().description(description).schema(new IntegerSchema());
    }
}
