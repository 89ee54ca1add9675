package io.cachedjobs.tag;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.common.Name;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

@Schema(name = "CreateTag")
public record CreateTagRequest(
        @Schema(
                description = "Unique in the project (case-sensitive); trimmed",
                example = "Competitors",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = TagService.MAX_NAME)
        @NotBlank
        @MaxLength(TagService.MAX_NAME)
        @Name
        String name,

        @Schema(
                description = "#RRGGBB; stored in upper case",
                example = "#FF5733",
                requiredMode = Schema.RequiredMode.REQUIRED,
                pattern = TagService.COLOR)
        @NotNull
        @Pattern(regexp = TagService.COLOR, message = TagService.COLOR_MESSAGE)
        String color) {}
