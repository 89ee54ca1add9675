package io.cachedjobs.provider;

import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link JobLimitsProperties} once, for every feature whose bodies carry an execution count. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobLimitsProperties.class)
class JobLimitsConfiguration {

    /**
     * Every {@code executionCount} of the OpenAPI document has the configured maximum, the one
     * {@link ExecutionCount} enforces, rather than a number written into each schema.
     */
    @Bean
    OpenApiCustomizer executionCountMaximum(JobLimitsProperties limits) {
        BigDecimal maximum = BigDecimal.valueOf(limits.maxExecutionCount());
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
                Map<String, Schema> properties = schema.getProperties();
                if (properties != null) {
                    Schema<?> count = properties.get("executionCount");
                    if (count != null) {
                        count.setMaximum(maximum);
                    }
                }
            }
        };
    }
}
