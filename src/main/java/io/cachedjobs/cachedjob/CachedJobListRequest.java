package io.cachedjobs.cachedjob;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.cachedjobs.paging.SortOrder;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Filters and order of {@code POST /api/cached-jobs/list}; every filter is optional. */
@Schema(name = "CachedJobList")
public record CachedJobListRequest(
        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Jobs in any of these statuses (one status alone may be "
                                        + "given without the array)",
                                example = "[\"pending\", \"inactive\"]"))
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<@NotNull CachedJobStatus> status,

        @Schema(description = "Jobs made from this query", example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d")
        UUID queryId,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Model names: a job matches if it asks any of them",
                                example = "[\"gpt-4.1-mini\"]"))
        List<@NotNull String> aiModels,

        @Schema(description = "Created at or after (inclusive)", example = "2023-08-01T00:00:00.000Z")
        Instant createdFrom,

        @Schema(description = "Created before (exclusive)", example = "2023-09-01T00:00:00.000Z")
        Instant createdTo,

        @Schema(example = "false") Boolean restricted,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Sort fields: createdAt, updatedAt, status. Default: "
                                        + "createdAt ascending. Ties are broken by id.",
                                example = "[{\"field\": \"createdAt\", \"direction\": \"DESC\"}]"))
        List<@NotNull @Valid SortOrder> sort) {

    static final CachedJobListRequest NONE = new CachedJobListRequest(null, null, null, null, null, null, null);
}
