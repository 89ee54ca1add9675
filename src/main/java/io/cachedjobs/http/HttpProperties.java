package io.cachedjobs.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code cachedjobs.http.*}: what one call may take of the server. Checked at start-up, so that a
 * zero limit cannot quietly refuse every body or leave a slow client unbounded.
 *
 * @param maxBodySize the largest request body read
 * @param bodyTimeout how long a request body may take to arrive, from its first read to its last
 *     byte, and how long the server waits for its next byte; past it the call is a 408
 * @param threads the workers of the API's connector (server.tomcat.threads takes them from here)
 */
@ConfigurationProperties("cachedjobs.http")
public record HttpProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("10s") Duration bodyTimeout,
        @DefaultValue("64") int threads) {

    public HttpProperties {
        if (maxBodySize.toBytes() <= 0) {
            throw new IllegalArgumentException("cachedjobs.http.max-body-size must be positive");
        }
        if (bodyTimeout.toMillis() <= 0 || bodyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("cachedjobs.http.body-timeout must be between 1ms and 24 days");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("cachedjobs.http.threads must be at least 1");
        }
    }
}
