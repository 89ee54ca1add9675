package io.cachedjobs.security;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** A key just made: its metadata and the key itself, the only answer that ever shows it. */
@Schema(name = "IssuedApiKey")
public record IssuedApiKeyResponse(
        @JsonUnwrapped ApiKeyResponse metadata,

        @Schema(
                description = "The key to send in the x-api-key header. Shown this once: only its hash is kept.",
                example = "cj_live_Xy3kP9aQ7bT2mN5vR8wZ1cF4hJ6kL0pS3dG9eA2qU5y")
        String key) {}
