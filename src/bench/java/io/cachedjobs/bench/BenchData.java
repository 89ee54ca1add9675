package io.cachedjobs.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The benchmark's rows, written by SQL: one organisation, its projects of queries, an editor key
 * per project (as a client of that project would hold: clients do not share one).
 */
final class BenchData {

    private final UUID organisation;
    private final Map<UUID, String> keys = new ConcurrentHashMap<>();

    private BenchData(UUID organisation) {
        this.organisation = organisation;
    }

    static Connection connect(JdbcConnectionDetails db) throws SQLException {
        return DriverManager.getConnection(db.getJdbcUrl(), db.getUsername(), db.getPassword());
    }

    /** The process of the connection's PostgreSQL backend, for CpuUse. */
    static long backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The organisation, and {@code bench_uuid_v7(timestamptz)} for the ids of seeded rows. */
    static BenchData seed(Connection connection) throws SQLException {
        BenchData data = new BenchData(UUID.randomUUID());
        try (Statement statement = connection.createStatement()) {
            // UUID v7 made by SQL for seeded rows, so that ids follow creation as the service's do.
            statement.execute("""
                    CREATE FUNCTION bench_uuid_v7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
                      SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7'
                              || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid
                      FROM (SELECT md5(random()::text) AS h) r
                    $$""");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO organisations (id, name, slug, created_at, updated_at) VALUES (?, ?, ?, now(), now())")) {
            insert.setObject(1, data.organisation);
            insert.setString(2, "Benchmark");
            insert.setString(3, "benchmark");
            insert.executeUpdate();
        }
        return data;
    }

    UUID organisation() {
        return organisation;
    }

    /** The API key of a project made by {@link #project}. */
    String key(UUID project) {
        return keys.get(project);
    }

    /** A project of {@code size} live queries, in eight languages, created a millisecond apart. */
    UUID project(Connection connection, String name, int size) throws SQLException {
        UUID project = UUID.randomUUID();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO projects (id, organisation_id, name, created_at, updated_at) VALUES (?, ?, ?, now(), now())")) {
            insert.setObject(1, project);
            insert.setObject(2, organisation);
            insert.setString(3, name);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO queries (id, project_id, query_text, language, country, created_at, updated_at) "
                        + "SELECT bench_uuid_v7(t), ?, 'Which CRM would you recommend to a team of ' || i "
                        + "|| ' people working in ' || (ARRAY['the US','France','Germany','Spain','Brazil',"
                        + "'the Netherlands','China','Japan'])[1 + i % 8] || '?', "
                        + "(ARRAY['en','fr','de','es','pt-br','nl','zh-cn','ja'])[1 + i % 8], "
                        + "(ARRAY['US','FR','DE','ES','BR','NL','CN','JP'])[1 + i % 8], t, t "
                        + "FROM generate_series(1, ?) i "
                        + "CROSS JOIN LATERAL (SELECT date_trunc('milliseconds', now()) - (? - i) "
                        + "* interval '1 millisecond' AS t) times")) {
            insert.setObject(1, project);
            insert.setInt(2, size);
            insert.setInt(3, size);
            require(insert.executeUpdate() == size, "seeded a wrong number of queries");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE queries");
        }
        keys.put(project, newKey(connection, name));
        return project;
    }

    /** An editor key of the organisation, stored as the service stores keys: its SHA-256 and prefix. */
    private String newKey(Connection connection, String name) throws SQLException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = "cj_live_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO api_keys (id, organisation_id, name, role, prefix, secret_hash, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 'editor', ?, ?, now(), now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, organisation);
            insert.setString(3, "Benchmark " + name);
            insert.setString(4, key.substring(0, 16));
            insert.setBytes(5, sha256(key));
            insert.executeUpdate();
        }
        return key;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
