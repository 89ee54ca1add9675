package io.cachedjobs.webhook;

import io.cachedjobs.api.OpenApiConfiguration;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents the 422 a refused URL gets ({@link WebhookUrlRefused}) on the two calls that take a URL,
 * in the document's one problem format, with an example of its own type.
 */
@Configuration(proxyBeanMethods = false)
class WebhookOpenApi {

    private static final String REFUSED = "The URL is refused: not https, or not a public address";

    @Bean
    OpenApiCustomizer webhookUrlRefusedDocumentation() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            document(openApi.getPaths().get(WebhookController.PATH), PathItem.HttpMethod.POST);
            document(openApi.getPaths().get(WebhookController.PATH + "/{id}"), PathItem.HttpMethod.PATCH);
        };
    }

    private static void document(PathItem item, PathItem.HttpMethod method) {
        Operation operation = item == null ? null : item.readOperationsMap().get(method);
        if (operation != null && operation.getResponses() != null) {
            operation
                    .getResponses()
                    .addApiResponse(
                            "422", OpenApiConfiguration.problemResponse("422", WebhookUrlRefused.TYPE, REFUSED));
        }
    }
}
