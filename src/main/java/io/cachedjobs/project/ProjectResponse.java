package io.cachedjobs.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

@Schema(name = "Project", description = "A brand or product being monitored")
public record ProjectResponse(
        @Schema(example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID id,

        @Schema(description = "The organisation's id", example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")
        UUID organisation,

        @Schema(example = "Acme CRM") String name,
        @Schema(example = "https://acme.example") String website,
        @Schema(example = "Software") String industry,
        @Schema(example = "CRM for small businesses") String description,
        @Schema(example = "2023-08-22T10:00:00.000Z") Instant createdAt,
        @Schema(example = "2023-08-22T10:00:00.000Z") Instant updatedAt) {}
