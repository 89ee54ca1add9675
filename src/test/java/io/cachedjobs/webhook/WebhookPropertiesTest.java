package io.cachedjobs.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Settings as the application binds them from {@code cachedjobs.webhooks.*}. */
class WebhookPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WebhookProperties.class)
    static class Bound {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void defaultsAreTheSpecificationsScheduleFifteenSecondsAndFiveDays() {
        runner.run(context -> {
            WebhookProperties properties = context.getBean(WebhookProperties.class);
            assertThat(properties.allowPrivateAddresses()).isFalse();
            assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(properties.retrySchedule())
                    .containsExactly(
                            Duration.ofSeconds(5),
                            Duration.ofMinutes(5),
                            Duration.ofMinutes(30),
                            Duration.ofHours(2),
                            Duration.ofHours(5),
                            Duration.ofHours(10),
                            Duration.ofHours(14),
                            Duration.ofHours(20),
                            Duration.ofHours(24));
            assertThat(properties.maxRetryAfter()).isEqualTo(Duration.ofHours(24));
            assertThat(properties.disableAfter()).isEqualTo(Duration.ofDays(5));
            assertThat(properties.rotationOverlap()).isEqualTo(Duration.ofHours(24));
        });
    }

    @Test
    void settingsAreBound() {
        runner.withPropertyValues(
                        "cachedjobs.webhooks.allow-private-addresses=true",
                        "cachedjobs.webhooks.timeout=3s",
                        "cachedjobs.webhooks.retry-schedule=1s,1m")
                .run(context -> {
                    WebhookProperties properties = context.getBean(WebhookProperties.class);
                    assertThat(properties.allowPrivateAddresses()).isTrue();
                    assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(properties.retrySchedule())
                            .isEqualTo(List.of(Duration.ofSeconds(1), Duration.ofMinutes(1)));
                });
    }

    @Test
    void valuesItCannotUseStopTheStart() {
        for (String[] bad : List.of(
                new String[] {"cachedjobs.webhooks.timeout=0s", "timeout"},
                new String[] {"cachedjobs.webhooks.timeout=10m", "timeout"},
                new String[] {"cachedjobs.webhooks.retry-schedule=5s,-1s", "retry-schedule"},
                new String[] {"cachedjobs.webhooks.disable-after=0s", "disable-after"},
                new String[] {"cachedjobs.webhooks.max-retry-after=-1h", "max-retry-after"})) {
            runner.withPropertyValues(bad[0])
                    .run(context -> assertThat(context.getStartupFailure())
                            .as(bad[0])
                            .isNotNull()
                            .rootCause()
                            .hasMessageContaining(bad[1]));
        }
    }
}
