package io.cachedjobs.security;

import io.cachedjobs.common.LowerCaseEnum;
import io.cachedjobs.ratelimit.RateLimit;
import io.cachedjobs.ratelimit.RateLimitGate;
import io.cachedjobs.ratelimit.RateLimiter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key check of every call, in plain SQL: one indexed statement, no transaction, no entity,
 * which also takes the key's rate-limit token (when limiting is on). Under load every round trip
 * waits for a share of the database's CPU, so checking and counting a call is one; and no
 * transactional proxy, whose bookkeeping costs CPU on every call for a transaction it never starts.
 */
@Component
class KeyLookup {

    private static final String COLUMNS = "k.id, k.organisation_id, k.role, k.expires_at, k.revoked_at";

    private final JdbcClient jdbc;
    private final RateLimiter limiter;
    private final RateLimitGate gate;

    KeyLookup(JdbcClient jdbc, RateLimiter limiter, RateLimitGate gate) {
        this.jdbc = jdbc;
        this.limiter = limiter;
        this.gate = gate;
    }

    /** A key as found, and the token its call took: null when limiting is off. */
    record Found(KeyStatus key, RateLimit limit) {}

    /** The key and the rate-limit token its call took; a 401 for anything but a usable key. */
    Found authenticate(String secret) {
        if (!ApiKeySecret.looksLikeOne(secret)) {
            throw SecurityProblem.unauthenticated(
                    ApiKeyFilter.HEADER,
                    "The API key is not valid: keys look like " + ApiKeySecret.LIVE + " and 43 characters.");
        }
        Found found = find(ApiKeySecret.sha256(secret))
                .orElseThrow(() -> SecurityProblem.unauthenticated(ApiKeyFilter.HEADER, "The API key is not known."));
        String unusable = found.key().unusableBecause();
        if (unusable != null) {
            throw SecurityProblem.unauthenticated(ApiKeyFilter.HEADER, unusable);
        }
        return found;
    }

    /** The key of this hash, its token taken whether or not it is still usable (revoked keys count too). */
    private Optional<Found> find(byte[] secretHash) {
        if (!gate.enabled()) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys k WHERE k.secret_hash = :hash")
                    .param("hash", secretHash)
                    .query((row, index) -> new Found(status(row), null))
                    .optional();
        }
        return limiter.bind(jdbc.sql("SELECT " + COLUMNS + ", allowed, second_level, hour_level FROM api_keys k "
                        + limiter.takingJoin("k.id") + " WHERE k.secret_hash = :hash"))
                .param("hash", secretHash)
                .query((row, index) -> new Found(status(row), limiter.read(row)))
                .optional();
    }

    private static KeyStatus status(ResultSet row) throws SQLException {
        return new KeyStatus(
                row.getObject("id", UUID.class),
                row.getObject("organisation_id", UUID.class),
                LowerCaseEnum.of(Role.class, row.getString("role")),
                instant(row.getTimestamp("expires_at")),
                instant(row.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
