package io.cachedjobs.query;

import io.cachedjobs.common.MaxLength;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A field left out (or null) keeps its value. */
@Schema(name = "UpdateQuery", description = "Any subset of the fields; those left out keep their value")
public record UpdateQueryRequest(
        @Schema(
                description = "The question asked to the AI engines",
                example = "Which CRM do you recommend for startups?",
                maxLength = 2000)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        @MaxLength(2000)
        String query,

        @Schema(
                description = "ISO 639-1 code, optionally with a region; stored in lower case",
                example = "en",
                minLength = 2,
                maxLength = 5)
        @LanguageCode
        String language,

        @Schema(
                description = "ISO 3166-1 alpha-2 code; stored in upper case",
                example = "GB",
                minLength = 2,
                maxLength = 2)
        @CountryCode
        String country,

        @ArraySchema(
                arraySchema =
                        @Schema(description = "Replaces the query's tags: ids of tags of the project; [] removes all"),
                schema = @Schema(example = "42"),
                maxItems = QueryService.MAX_TAGS)
        @Size(max = QueryService.MAX_TAGS)
        List<@NotNull Long> tagIds) {}
