package io.cachedjobs;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringApplication;

/**
 * The service on an embedded PostgreSQL, for trying it out: {@code ./mvnw spring-boot:test-run}.
 * It lives in the test sources so that neither the embedded database, the demo data nor the
 * simulated engines ship in the production jar. The application is {@link CachedJobsApplication}'s,
 * with {@link LocalRunConfiguration} added to its sources and {@link LocalRunEngines} listening to its
 * start.
 */
public class TestApplication {

    public static void main(String[] args) {
        AtomicBoolean hooked = new AtomicBoolean();
        SpringApplication.withHook(
                application -> {
                    // The first application started on this thread only: the service itself
                    if (hooked.getAndSet(true)) {
                        return null;
                    }
                    application.addPrimarySources(List.of(LocalRunConfiguration.class));
                    return new LocalRunEngines();
                },
                () -> CachedJobsApplication.main(args));
    }
}
