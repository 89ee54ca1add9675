package io.cachedjobs.idempotency;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencyProperties.class)
@EnableScheduling
class IdempotencyConfiguration {

    /**
     * After the filters that wrap or vet the request (Spring's own, and an authentication chain,
     * all at order 0 or below), so that a call refused there never claims a key.
     */
    static final int ORDER = 100;

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
            IdempotentRoutes routes,
            IdempotencyKeys keys,
            IdempotencyProperties properties,
            PlatformTransactionManager transactions,
            ObjectProvider<ReferencedAnswer> referencedAnswer) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(routes, keys, properties, transactions, referencedAnswer));
        registration.setOrder(ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
