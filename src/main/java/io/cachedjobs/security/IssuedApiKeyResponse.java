package io.cachedjobs.security;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A key just made, with its secret: the only answer that ever shows it. */
@Schema(name = "IssuedApiKey")
public record IssuedApiKeyResponse(
        @Schema(example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID id,

        @Schema(example = "Reporting dashboard") String name,
        @Schema(example = "viewer") Role role,
        @Schema(example = "cj_live_Xy3kP9aQ") String prefix,

        @Schema(
                description = "The key to send in the x-api-key header. Shown this once: only its hash is kept.",
                example = "cj_live_Xy3kP9aQ7bT2mN5vR8wZ1cF4hJ6kL0pS3dG9eA2qU5y")
        String key,

        @Schema(example = "2026-11-28T10:00:00.000Z") Instant createdAt,
        @Schema(example = "null") Instant expiresAt) {

    static IssuedApiKeyResponse of(ApiKeyResponse key, ApiKeySecret secret) {
        return new IssuedApiKeyResponse(
                key.id(), key.name(), key.role(), key.prefix(), secret.value(), key.createdAt(), key.expiresAt());
    }
}
