package io.cachedjobs.tag;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

@Schema(name = "Tag", description = "A label for grouping a project's queries")
public record TagResponse(
        @Schema(description = "Numeric, made by the service", example = "42")
        long id,

        @Schema(description = "The project's id", example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c")
        UUID project,

        @Schema(example = "Competitors") String name,

        @Schema(description = "#RRGGBB, in upper case", example = "#FF5733")
        String color,

        @Schema(example = "2023-08-22T10:00:00.000Z") Instant createdAt,
        @Schema(example = "2023-08-22T10:00:00.000Z") Instant updatedAt) {}
