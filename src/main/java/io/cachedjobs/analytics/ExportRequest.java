package io.cachedjobs.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * What {@code POST /api/results/export} streams: the answers {@code filters} keep, after {@code
 * cursor}, at most {@code limit} of them.
 */
@Schema(name = "ExportRequest", description = "Which answers to export, and from where")
public record ExportRequest(
        @Schema(description = "The figures' filters (`entityIds`, `breakdown`, `bucket` and `size` are not read)")
        @Valid
        AnalyticsRequest filters,

        @Schema(
                description =
                        "Go on after the line that carried this cursor (from a call before); none: from the " + "start")
        @Size(max = 200)
        String cursor,

        @Schema(
                description = "At most this many answers (1 to 100000, default 10000); a call that returns fewer "
                        + "has reached the end")
        @Min(1)
        @Max(100_000)
        Integer limit) {}
