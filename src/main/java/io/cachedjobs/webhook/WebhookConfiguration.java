package io.cachedjobs.webhook;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Webhooks' beans: the SSRF guard over the host resolver (the system's, unless a test gives its
 * own), the sender, and the delivery task, which the runner's scheduler takes up with its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WebhookHostResolver webhookHostResolver() {
        return WebhookHostResolver.system();
    }

    @Bean
    WebhookTargets webhookTargets(WebhookHostResolver resolver, WebhookProperties properties) {
        return new WebhookTargets(resolver, properties.allowPrivateAddresses());
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(WebhookTargets targets, WebhookProperties properties, Clock clock) {
        return new WebhookSender(targets, properties.timeout(), clock);
    }

    /** A task of the runner's scheduler (execution/RunnerConfiguration takes every task bean). */
    @Bean
    CustomTask<Void> webhookDeliveryTask(WebhookDeliveries deliveries, WebhookSender sender, Clock clock) {
        return new WebhookDeliveryTask(deliveries, sender, clock).task();
    }
}
