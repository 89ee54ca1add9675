package io.cachedjobs.entity;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.paging.SortOrder;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Filters are combined with "and"; a filter left out, null or empty does not filter. */
@Schema(
        name = "ListEntities",
        description = "Filters (all optional, combined with and) and the order. A filter left out or empty "
                + "does not filter.")
public record ListEntitiesRequest(
        @Schema(
                description = "A part of the name or of an alias, compared without case",
                example = "hub",
                maxLength = EntityService.MAX_NAME)
        @MaxLength(EntityService.MAX_NAME)
        String name,

        @ArraySchema(
                arraySchema = @Schema(description = "Any of these types"),
                schema = @Schema(example = "company"),
                maxItems = 5)
        @Size(max = 5)
        List<@NotNull EntityType> types,

        @Schema(description = "Only the project's own (true) or only the others (false)")
        Boolean isOwned,

        @Schema(description = "Only the primary entity (true) or only the others (false)")
        Boolean isPrimary,

        @Schema(description = "Only competitors (true) or only the others (false)")
        Boolean isCompetitor,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Fields: name, type, createdAt, updatedAt; ties are broken by id. "
                                        + "Default: createdAt ASC"),
                maxItems = 4)
        @Size(max = 4)
        List<@NotNull @Valid SortOrder> sort) {

    static final ListEntitiesRequest NONE = new ListEntitiesRequest(null, null, null, null, null, null);
}
