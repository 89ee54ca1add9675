package io.cachedjobs.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cachedjobs.jobs.max-execution-count}: the most runs one cached job may ask for. Shared
 * because a project's default {@code executionCount} obeys the same limit as the trigger's.
 */
@ConfigurationProperties("cachedjobs.jobs")
public record JobLimitsProperties(@DefaultValue("100") int maxExecutionCount) {}
