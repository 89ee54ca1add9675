package io.cachedjobs.analysis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code cachedjobs.analysis}: the background derivation of answers (docs/analysis.md).
 *
 * @param deriveInterval how often the projects whose answers are behind their entities' version are
 *     looked for (by one instance at a time, on the runner's scheduler)
 * @param deriveBatch answers derived per transaction
 */
@Validated
@ConfigurationProperties("cachedjobs.analysis")
public record AnalysisProperties(
        @DefaultValue("2s") Duration deriveInterval,
        @DefaultValue("500") int deriveBatch) {

    public AnalysisProperties {
        if (deriveInterval.isNegative() || deriveInterval.isZero()) {
            throw new IllegalArgumentException("cachedjobs.analysis.derive-interval must be positive");
        }
        if (deriveBatch < 1 || deriveBatch > 10_000) {
            throw new IllegalArgumentException("cachedjobs.analysis.derive-batch must be from 1 to 10000");
        }
    }
}
