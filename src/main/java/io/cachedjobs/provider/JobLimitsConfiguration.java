package io.cachedjobs.provider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Registers {@link JobLimits} once, for every feature whose bodies carry an execution count. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobLimits.class)
class JobLimitsConfiguration {}
