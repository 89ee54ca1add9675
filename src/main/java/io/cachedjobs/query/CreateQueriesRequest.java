package io.cachedjobs.query;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(name = "CreateQueries")
public record CreateQueriesRequest(
        @ArraySchema(
                arraySchema = @Schema(description = "At least one query, each validated like a single create"),
                minItems = 1,
                maxItems = QueryService.MAX_BATCH)
        @NotEmpty
        @Size(max = QueryService.MAX_BATCH)
        List<@NotNull @Valid CreateQueryRequest> queries) {}
