package io.cachedjobs.security;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.common.Name;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

@Schema(name = "CreateApiKey")
public record CreateApiKeyRequest(
        @Schema(
                description = "What the key is for; trimmed",
                example = "Reporting dashboard",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = ApiKeyService.MAX_NAME)
        @NotBlank
        @MaxLength(ApiKeyService.MAX_NAME)
        @Name
        String name,

        @Schema(
                description = "admin: everything, including keys; editor: all but keys; viewer: reads and list "
                        + "calls only",
                example = "viewer",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotNull
        Role role,

        @Schema(
                description = "When the key stops working; never when left out. Must be in the future.",
                example = "2027-01-31T00:00:00.000Z")
        @Future
        Instant expiresAt) {}
