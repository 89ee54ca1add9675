package io.cachedjobs.cachedjob;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code cachedjobs.jobs.max-execution-count}: the most runs one cached job may ask for. */
@ConfigurationProperties("cachedjobs.jobs")
record CachedJobProperties(@DefaultValue("100") int maxExecutionCount) {}
