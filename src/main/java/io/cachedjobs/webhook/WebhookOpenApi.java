package io.cachedjobs.webhook;

import io.cachedjobs.api.OpenApiConfiguration;
import java.util.Set;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document's 422 of the calls that take a webhook URL, like every other problem answer of it. */
@Configuration(proxyBeanMethods = false)
class WebhookOpenApi {

    private static final Set<String> TAKE_A_URL = Set.of("create", "update");

    @Bean
    OperationCustomizer webhookUrlRefusals() {
        return (operation, handler) -> {
            if (handler.getBeanType() == WebhookController.class
                    && TAKE_A_URL.contains(handler.getMethod().getName())) {
                operation
                        .getResponses()
                        .addApiResponse(
                                "422",
                                OpenApiConfiguration.problemResponse(
                                        "422",
                                        WebhookUrlRefused.TYPE,
                                        "The URL is refused (`url-refused`): not https, or its host is, or resolves "
                                                + "to, a loopback, private, link-local or metadata address"));
            }
            return operation;
        };
    }
}
