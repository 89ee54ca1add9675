package io.cachedjobs.provider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers {@link JobLimitsProperties} once, for every feature whose bodies carry an execution count. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobLimitsProperties.class)
class JobLimitsConfiguration {}
