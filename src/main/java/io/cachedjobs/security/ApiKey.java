package io.cachedjobs.security;

import io.cachedjobs.common.BaseEntity;
import io.cachedjobs.common.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Formula;

@Entity
@Table(name = "api_keys")
class ApiKey extends BaseEntity {

    @Column(name = "organisation_id", nullable = false, updatable = false)
    private UUID organisationId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private Role role;

    @Column(nullable = false, updatable = false)
    private String prefix;

    @Column(name = "secret_hash", nullable = false, updatable = false)
    private byte[] secretHash;

    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    /** The key's last call, refused ones included, as its rate limit bucket recorded it. */
    @Formula("(select b.updated_at from rate_limit_buckets b where b.api_key_id = id)")
    private Instant lastUsedAt;

    protected ApiKey() {}

    ApiKey(UUID organisationId, String name, Role role, ApiKeySecret secret, Instant expiresAt) {
        this.organisationId = organisationId;
        this.name = name;
        this.role = role;
        this.prefix = secret.prefix();
        this.secretHash = secret.hash();
        this.expiresAt = expiresAt;
    }

    /** An admin key that is not revoked and never expires: what keeps the organisation manageable. */
    boolean isLastingAdmin() {
        return role == Role.ADMIN && revokedAt == null && expiresAt == null;
    }

    void revoke() {
        if (revokedAt == null) {
            revokedAt = Times.now();
        }
    }

    ApiKeyResponse toResponse() {
        return new ApiKeyResponse(getId(), name, role, prefix, getCreatedAt(), expiresAt, revokedAt, lastUsedAt);
    }
}
