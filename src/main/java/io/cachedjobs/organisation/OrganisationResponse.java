package io.cachedjobs.organisation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

@Schema(name = "Organisation")
public record OrganisationResponse(
        @Schema(example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID id,

        @Schema(example = "Acme Inc.") String name,

        @Schema(description = "URL-friendly name, unique across organisations", example = "acme-inc")
        String slug,

        @Schema(example = "2023-08-22T10:00:00.000Z") Instant createdAt,
        @Schema(example = "2023-08-22T10:00:00.000Z") Instant updatedAt) {}
