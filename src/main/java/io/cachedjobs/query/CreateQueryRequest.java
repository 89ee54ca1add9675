package io.cachedjobs.query;

import io.cachedjobs.common.MaxLength;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(name = "CreateQuery")
public record CreateQueryRequest(
        @Schema(
                description = "The question asked to the AI engines",
                example = "Which CRM do you recommend for small businesses?",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = 2000)
        @NotBlank
        @MaxLength(2000)
        String query,

        @Schema(
                description = "ISO 639-1 code, optionally with a region; stored in lower case",
                example = "en",
                requiredMode = Schema.RequiredMode.REQUIRED,
                minLength = 2,
                maxLength = 5)
        @NotNull
        @LanguageCode
        String language,

        @Schema(
                description = "ISO 3166-1 alpha-2 code; stored in upper case",
                example = "US",
                requiredMode = Schema.RequiredMode.REQUIRED,
                minLength = 2,
                maxLength = 2)
        @NotNull
        @CountryCode
        String country,

        @ArraySchema(
                arraySchema =
                        @Schema(description = "Ids of tags of the project; optional. A tag given twice counts once"),
                schema = @Schema(example = "42"),
                maxItems = QueryService.MAX_TAGS)
        @Size(max = QueryService.MAX_TAGS)
        List<@NotNull Long> tagIds) {

    /** A query without tags. */
    public CreateQueryRequest(String query, String language, String country) {
        this(query, language, country, null);
    }
}
