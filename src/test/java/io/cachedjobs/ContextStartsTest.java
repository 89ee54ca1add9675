package io.cachedjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.TestDatabaseConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class ContextStartsTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void migrationsRunOnARealPostgres() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL 17");
    }
}
