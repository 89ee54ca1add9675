package io.cachedjobs.security;

import io.cachedjobs.common.Times;
import java.time.Instant;
import java.util.UUID;

/** What checking a key on each call needs of it, read without the rest of its row. */
record KeyStatus(UUID id, UUID organisationId, Role role, Instant expiresAt, Instant revokedAt) {

    Caller caller() {
        return new Caller(id, organisationId, role);
    }

    /** Why the key may not be used now, or null when it may. */
    String unusableBecause() {
        if (revokedAt != null) {
            return "The API key was revoked at " + revokedAt + ".";
        }
        if (expiresAt != null && !expiresAt.isAfter(Times.now())) {
            return "The API key expired at " + expiresAt + ".";
        }
        return null;
    }
}
