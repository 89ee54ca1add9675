package io.cachedjobs.security;

import java.security.MessageDigest;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator token ({@code CACHEDJOBS_ADMIN_TOKEN}): it creates organisations and reads the
 * service's own endpoints. Without it, organisation creation is off.
 *
 * @param token at least 32 characters, or unset
 */
@ConfigurationProperties("cachedjobs.admin")
record OperatorProperties(String token) {

    static final int MIN_LENGTH = 32;

    OperatorProperties {
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("cachedjobs.admin.token (CACHEDJOBS_ADMIN_TOKEN) must be at least "
                    + MIN_LENGTH + " characters, e.g. from `openssl rand -hex 32`");
        }
    }

    boolean configured() {
        return token != null;
    }

    /** Whether {@code candidate} is the token, compared in constant time. */
    boolean matches(String candidate) {
        return configured() && MessageDigest.isEqual(ApiKeySecret.sha256(token), ApiKeySecret.sha256(candidate));
    }
}
