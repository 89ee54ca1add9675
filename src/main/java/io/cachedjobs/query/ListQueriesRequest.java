package io.cachedjobs.query;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.paging.SortOrder;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Filters are combined with "and"; a filter left out, null or empty does not filter. */
@Schema(
        name = "ListQueries",
        description = "Filters (all optional, combined with and) and the order. A filter left out or empty "
                + "does not filter.")
public record ListQueriesRequest(
        @Schema(description = "Case-insensitive part of the text", example = "crm", maxLength = 2000) @MaxLength(2000)
        String query,

        @ArraySchema(
                arraySchema = @Schema(description = "Any of these languages"),
                schema = @Schema(example = "en"),
                maxItems = MAX_VALUES)
        @Size(max = MAX_VALUES)
        List<@NotNull @LanguageCode String> languages,

        @ArraySchema(
                arraySchema = @Schema(description = "Any of these countries"),
                schema = @Schema(example = "US"),
                maxItems = MAX_VALUES)
        @Size(max = MAX_VALUES)
        List<@NotNull @CountryCode String> countries,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Queries having any of these tags (or of those in tagNames); "
                                        + "each must be a tag of the project"),
                schema = @Schema(example = "42"),
                maxItems = MAX_VALUES)
        @Size(max = MAX_VALUES)
        List<@NotNull Long> tagIds,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Queries having any of the tags with these exact names (or of those "
                                        + "in tagIds); each must name a tag of the project"),
                schema = @Schema(example = "Competitors"),
                maxItems = MAX_VALUES)
        @Size(max = MAX_VALUES)
        List<@NotBlank String> tagNames,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Fields: query, language, country, createdAt, updatedAt; ties are "
                                        + "broken by id. Default: createdAt ASC"),
                maxItems = 5)
        @Size(max = 5)
        List<@NotNull @Valid SortOrder> sort) {

    static final int MAX_VALUES = 500;

    static final ListQueriesRequest NONE = new ListQueriesRequest(null, null, null, null, null, null);
}
