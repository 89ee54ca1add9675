package io.cachedjobs.tag;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.common.Name;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;

/** A field left out (or null) keeps its value. */
@Schema(name = "UpdateTag", description = "Any subset of the fields; those left out keep their value")
public record UpdateTagRequest(
        @Schema(
                description = "Unique in the project (case-sensitive); trimmed",
                example = "Competitors",
                maxLength = TagService.MAX_NAME)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        @MaxLength(TagService.MAX_NAME)
        @Name
        String name,

        @Schema(description = "#RRGGBB; stored in upper case", example = "#00AA55", pattern = TagService.COLOR)
        @Pattern(regexp = TagService.COLOR, message = TagService.COLOR_MESSAGE)
        String color) {}
