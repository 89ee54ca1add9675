package io.cachedjobs.ratelimit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Token buckets per API key, kept in PostgreSQL so that every instance of the service draws on
 * the same ones. Each call is one statement ({@code rate_limit_take}, see the V7 and V10 migrations) that
 * refills, decides and takes under the key's row lock by the database's clock: no instance's
 * clock or memory takes part, and concurrent calls on one key are counted one after the other.
 *
 * <p>{@code rate_limit_buckets.updated_at} is the key's last call, by the same clock.
 */
@Component
public class RateLimiter {

    private final JdbcClient jdbc;
    private final RateLimitProperties limits;

    RateLimiter(JdbcClient jdbc, RateLimitProperties limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    /**
     * Takes one token from both of the key's buckets if both hold one, whether or not limiting is
     * {@linkplain RateLimitProperties#enabled() enabled} (that switch is the caller's, see {@link
     * RateLimitGate}). A key seen for the first time starts with full buckets.
     *
     * @throws org.springframework.dao.DataAccessException when the database cannot answer
     */
    public RateLimit take(UUID keyId) {
        return bind(jdbc.sql("SELECT allowed, second_level, hour_level FROM " + TAKE.formatted(":key")))
                .param("key", keyId)
                .query((row, index) -> read(row))
                .single();
    }

    /** The call of the database function (V7, V10), for the key id expression {@code %s}; named parameters bound by {@link #bind}. */
    private static final String TAKE = "rate_limit_take(%s, :refillPerSecond, :burst, :perHour)";

    /**
     * A join that takes the token of the key whose id is {@code keyIdColumn} in the statement that
     * looks the key up, so that checking a call's key and counting it is one round trip. It adds
     * the columns {@code allowed}, {@code second_level} and {@code hour_level}, read by {@link
     * #read}; its parameters are bound by {@link #bind}.
     */
    public String takingJoin(String keyIdColumn) {
        return "CROSS JOIN LATERAL " + TAKE.formatted(keyIdColumn);
    }

    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        return statement
                .param("refillPerSecond", limits.perSecond())
                .param("burst", (double) limits.burst())
                .param("perHour", (double) limits.perHour());
    }

    public RateLimit read(ResultSet row) throws SQLException {
        return RateLimit.of(
                row.getBoolean("allowed"),
                limits.perSecondBucket(row.getDouble("second_level")),
                limits.perHourBucket(row.getDouble("hour_level")));
    }
}
