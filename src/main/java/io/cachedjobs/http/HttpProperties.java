package io.cachedjobs.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code cachedjobs.http.max-body-size}: the largest request body the service reads (default 1 MiB). */
@ConfigurationProperties("cachedjobs.http")
public record HttpProperties(@DefaultValue("1MB") DataSize maxBodySize) {}
