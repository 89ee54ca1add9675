package io.cachedjobs.entity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Entity", description = "A name the project tracks in its answers: its own brand, a competitor, ...")
public record EntityResponse(
        @Schema(example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")
        UUID id,

        @Schema(description = "The project's id", example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d")
        UUID project,

        @Schema(example = "HubSpot") String name,

        @Schema(description = "Other spellings, each a mention too", example = "[\"HubSpot CRM\"]")
        List<String> aliases,

        @Schema(
                description = "Registrable domains: a source on one of them, or a subdomain, is the entity's",
                example = "[\"hubspot.com\"]")
        List<String> domains,

        @Schema(example = "company") EntityType type,
        @JsonProperty("isOwned") @Schema(example = "false") boolean isOwned,

        @JsonProperty("isPrimary") @Schema(example = "false")
        boolean isPrimary,

        @JsonProperty("isCompetitor") @Schema(example = "true")
        boolean isCompetitor,

        @Schema(example = "false") boolean caseSensitive,
        @Schema(example = "false") boolean accentSensitive,

        @Schema(
                description = "The version of the project's entities after this entity's last change; the "
                        + "answers are derived with it once GET /api/analysis/status shows it with no pending answer",
                example = "4")
        long entitiesVersion,

        @Schema(example = "2026-11-30T10:00:00.000Z") Instant createdAt,
        @Schema(example = "2026-11-30T10:00:00.000Z") Instant updatedAt) {}
