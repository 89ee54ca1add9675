package io.cachedjobs.security;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A key's metadata: never its secret, which is shown once, when the key is made. */
@Schema(name = "ApiKey")
public record ApiKeyResponse(
        @Schema(example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID id,

        @Schema(example = "Reporting dashboard") String name,
        @Schema(example = "viewer") Role role,

        @Schema(description = "The first characters of the key, to tell keys apart", example = "cj_live_Xy3kP9aQ")
        String prefix,

        @Schema(example = "2026-11-28T10:00:00.000Z") Instant createdAt,

        @Schema(description = "null: the key does not expire", example = "2027-01-31T00:00:00.000Z", nullable = true)
        Instant expiresAt,

        @Schema(description = "null while the key is not revoked", example = "null", nullable = true)
        Instant revokedAt,

        @Schema(
                description = "The key's last call (refused ones included); null before its first or while "
                        + "rate limiting is off",
                example = "2026-11-28T10:05:00.000Z",
                nullable = true)
        Instant lastUsedAt) {}
