package io.cachedjobs.execution;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Schema(name = "ListJobExecutions", description = "Filters, all optional: an execution matches every one given")
public record ListJobExecutionsRequest(
        @Schema(description = "Any of these statuses") @Size(max = 5)
        List<@NotNull JobExecutionStatus> status,

        @Schema(description = "Any of these model names") @Size(max = 50)
        List<@NotNull String> model,

        @Schema(description = "Of this cached job") UUID cachedJobId,
        @Schema(description = "Of this query") UUID queryId,

        @Schema(description = "Made at or after this time", example = "2026-11-01T00:00:00Z")
        Instant from,

        @Schema(description = "Made before this time", example = "2026-12-01T00:00:00Z")
        Instant to) {

    static final ListJobExecutionsRequest NONE = new ListJobExecutionsRequest(null, null, null, null, null, null);
}
