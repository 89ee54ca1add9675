package io.cachedjobs.support;

import io.cachedjobs.CachedJobsApplication;
import io.cachedjobs.tenancy.ProjectScope;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several instances of the service on one PostgreSQL of their own, as a cluster runs: each started
 * in this JVM with the arguments they share (free ports, this database, the API's rate limit out of
 * the way) and its own. Closing stops them, then the database.
 */
public final class Instances implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    private Instances(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A new embedded PostgreSQL, no instance yet. */
    public static Instances onTheirOwnDatabase() throws IOException {
        return new Instances(EmbeddedPostgres.builder().start());
    }

    /** The arguments every instance here takes, then {@code extra} (a later one wins). */
    public List<String> arguments(List<String> extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--cachedjobs.rate-limit.per-second=1000",
                "--cachedjobs.rate-limit.burst=1000"));
        arguments.addAll(extra);
        return arguments;
    }

    /** Starts an instance with {@code extra} arguments. */
    public ConfigurableApplicationContext start(List<String> extra) {
        return start(context -> {}, extra);
    }

    /** Starts an instance with {@code extra} arguments, {@code initializer} run before its beans are made. */
    public ConfigurableApplicationContext start(
            ApplicationContextInitializer<ConfigurableApplicationContext> initializer, List<String> extra) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CachedJobsApplication.class)
                .initializers(initializer)
                .run(arguments(extra).toArray(String[]::new));
        started.add(context);
        return context;
    }

    /** Calls to {@code instance}'s API. */
    public static Api api(ConfigurableApplicationContext instance) {
        return new Api(((WebServerApplicationContext) instance).getWebServer().getPort());
    }

    /** The shared database, as its superuser. */
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(postgres.getPostgresDatabase());
    }

    /**
     * A new organisation named {@code name}, with one project ("Brand") holding the query {@code
     * query} ({@code en}, {@code US}), made through {@code api}.
     */
    public static ProjectScope project(Api api, String name, String query) {
        UUID organisation = api.createOrganisation(name);
        UUID project = UUID.fromString(api.post("/api/projects")
                .organisation(organisation)
                .json(Map.of("name", "Brand"))
                .send()
                .json()
                .get("id")
                .asString());
        api.post("/api/queries")
                .scope(organisation, project)
                .json(Map.of("query", query, "language", "en", "country", "US"))
                .send();
        return new ProjectScope(organisation, project);
    }

    @Override
    public void close() throws IOException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        postgres.close();
    }
}
