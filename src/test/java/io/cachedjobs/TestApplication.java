package io.cachedjobs;

import org.springframework.boot.SpringApplication;

/**
 * The service on an embedded PostgreSQL, for trying it out: {@code ./mvnw spring-boot:test-run}.
 * It lives in the test sources so that neither the embedded database nor the demo data ship in the
 * production jar.
 */
public class TestApplication {

    public static void main(String[] args) {
        SpringApplication.from(CachedJobsApplication::main)
                .with(LocalRunConfiguration.class)
                .run(args);
    }
}
