package io.cachedjobs.support;

import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A test over HTTP with the runner on: triggered jobs start, their executions are sent, the jobs end.
 * Its own context, closed after the class, on a PostgreSQL of its own: the runner starts every
 * pending job it finds, and the other tests' jobs must neither run nor stand in line before these.
 * The runner's waits are short (a retry after 100 to 200 ms, unless the engine asks for more).
 */
@TestPropertySource(
        properties = {
            "cachedjobs.runner.enabled=true",
            "cachedjobs.runner.start-interval=200ms",
            "cachedjobs.runner.polling-interval=200ms",
            "cachedjobs.runner.max-attempts=3",
            "cachedjobs.runner.backoff=100ms",
            "cachedjobs.runner.max-backoff=200ms",
            "cachedjobs.runner.heartbeat-interval=2s",
            "cachedjobs.runner.missed-heartbeats=4"
        })
@Import(RunningApiTest.OwnDatabase.class)
@DirtiesContext
public abstract class RunningApiTest extends ApiTest {

    /** How long a job may take to end before a test fails. */
    protected static final Duration ENDS_WITHIN = Duration.ofSeconds(60);

    @TestConfiguration(proxyBeanMethods = false)
    static class OwnDatabase {

        @Bean
        @Primary
        JdbcConnectionDetails runnerDatabase() {
            return TestDatabase.embedded(null);
        }
    }

    /** The cached job {@code id} as its API answers it. */
    public static JsonNode get(Api api, UUID organisation, UUID project, String id) {
        return api.get("/api/cached-jobs/" + id)
                .scope(organisation, project)
                .send()
                .json();
    }

    /** The cached job {@code id} of {@code project} once it has ended; fails after {@link #ENDS_WITHIN}. */
    protected JsonNode awaitEnded(UUID organisation, UUID project, String id) {
        return awaitEnded(api, organisation, project, id);
    }

    /**
     * The cached job {@code id} once it has ended, asked of {@code api} every 100 ms; fails after
     * {@link #ENDS_WITHIN}.
     */
    public static JsonNode awaitEnded(Api api, UUID organisation, UUID project, String id) {
        long until = System.nanoTime() + ENDS_WITHIN.toNanos();
        JsonNode job;
        do {
            job = get(api, organisation, project, id);
            if ("ended".equals(job.get("status").asString())) {
                return job;
            }
            sleep();
        } while (System.nanoTime() < until);
        throw new AssertionError("not ended in " + ENDS_WITHIN.toSeconds() + " s: " + job);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
