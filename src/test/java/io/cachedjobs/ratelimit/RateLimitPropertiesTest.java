package io.cachedjobs.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Settings as the application binds them from {@code cachedjobs.rate-limit.*}. */
class RateLimitPropertiesTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(RateLimitConfiguration.class);

    @Test
    void defaultsAreTenASecondInBurstsOfTwentyAndTenThousandAnHour() {
        runner.run(context -> assertThat(context.getBean(RateLimitProperties.class))
                .isEqualTo(new RateLimitProperties(true, 10, 20, 10_000)));
    }

    @Test
    void settingsAreBound() {
        runner.withPropertyValues(
                        "cachedjobs.rate-limit.enabled=false",
                        "cachedjobs.rate-limit.per-second=0.5",
                        "cachedjobs.rate-limit.burst=3",
                        "cachedjobs.rate-limit.per-hour=100")
                .run(context -> assertThat(context.getBean(RateLimitProperties.class))
                        .isEqualTo(new RateLimitProperties(false, 0.5, 3, 100)));
    }

    @Test
    void limitsThatWouldLockEveryKeyOutStopTheStart() {
        assertStartFails("cachedjobs.rate-limit.per-second=0", "per-second must be a positive number");
        assertStartFails("cachedjobs.rate-limit.per-second=NaN", "per-second must be a positive number");
        assertStartFails("cachedjobs.rate-limit.per-second=Infinity", "per-second must be a positive number");
        assertStartFails("cachedjobs.rate-limit.burst=0", "burst must be at least 1");
        assertStartFails("cachedjobs.rate-limit.per-hour=-5", "per-hour must be at least 1");
    }

    private void assertStartFails(String setting, String message) {
        runner.withPropertyValues(setting)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("cachedjobs.rate-limit." + message));
    }
}
