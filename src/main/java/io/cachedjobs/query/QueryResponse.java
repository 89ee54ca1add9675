package io.cachedjobs.query;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "Query", description = "One question, in one language and country")
public record QueryResponse(
        @Schema(example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")
        UUID id,

        @Schema(description = "The project's id", example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")
        UUID project,

        @Schema(example = "Which CRM do you recommend for small businesses?")
        String query,

        @Schema(example = "en") String language,
        @Schema(example = "US") String country,
        List<QueryTag> tags,
        @Schema(example = "2023-08-22T10:00:00.000Z") Instant createdAt,
        @Schema(example = "2023-08-22T10:00:00.000Z") Instant updatedAt) {}
