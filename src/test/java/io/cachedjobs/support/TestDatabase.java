package io.cachedjobs.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests and local runs: a Testcontainers {@code postgres:17} where a Docker
 * engine answers, otherwise an embedded PostgreSQL 17 started from the binaries on the test
 * classpath. Tests share one database per JVM.
 */
public final class TestDatabase {

    private static final Logger log = LoggerFactory.getLogger(TestDatabase.class);
    private static JdbcConnectionDetails shared;

    private TestDatabase() {}

    /** The database of this test run, started on first use. */
    public static synchronized JdbcConnectionDetails shared() {
        if (shared == null) {
            shared = dockerAvailable() ? container() : embedded(null);
        }
        return shared;
    }

    /**
     * An embedded PostgreSQL. With a data directory, the data stays there between runs; without,
     * it lives in a temporary directory removed at exit.
     */
    public static JdbcConnectionDetails embedded(Path dataDirectory) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL on port {}", postgres.getPort());
            return details(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    /**
     * An embedded PostgreSQL whose data stays in {@code dataDirectory}, stopped only by its {@code
     * close()}, not by a JVM shutdown hook of its own: its owner (the local run's context) closes it
     * after everything that uses it has stopped, so that work in flight at Ctrl-C is recorded first.
     */
    public static EmbeddedPostgres kept(Path dataDirectory) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .start();
            log.info("Embedded PostgreSQL on port {}, data in {}", postgres.getPort(), dataDirectory);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    /** How to reach {@code postgres}, as its superuser. */
    public static JdbcConnectionDetails details(EmbeddedPostgres postgres) {
        return details(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    }

    /**
     * An embedded PostgreSQL on a fixed port whose data stays in {@code dataDirectory} when it is
     * closed, so that a test can stop the database and start it again, same address, same data.
     */
    public static EmbeddedPostgres embedded(Path dataDirectory, int port) {
        try {
            return EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    private static JdbcConnectionDetails container() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
        container.start();
        log.info("PostgreSQL container at {}", container.getJdbcUrl());
        return details(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static JdbcConnectionDetails details(String url, String username, String password) {
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return username;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }
}
