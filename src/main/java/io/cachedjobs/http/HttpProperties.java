package io.cachedjobs.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code cachedjobs.http.*}: what one call may take of the server. Checked at start-up, so that a
 * zero limit cannot quietly refuse every body or leave no worker.
 *
 * @param maxBodySize the largest request body read
 * @param threads the workers of the API's connector (server.tomcat.threads takes them from here)
 */
@ConfigurationProperties("cachedjobs.http")
public record HttpProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("64") int threads) {

    public HttpProperties {
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("cachedjobs.http.max-body-size must be positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("cachedjobs.http.threads must be at least 1");
        }
    }
}
