package io.cachedjobs.query;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "QueryTag", description = "A tag on a query")
public record QueryTag(
        @Schema(example = "42") long id,
        @Schema(example = "Competitors") String name,
        @Schema(example = "#FF5733") String color) {}
