package io.cachedjobs.support;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Points the application at the test run's PostgreSQL. */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

    @Bean
    JdbcConnectionDetails testDatabase() {
        return TestDatabase.shared();
    }
}
