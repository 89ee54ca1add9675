package io.cachedjobs.execution;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

@Schema(
        name = "JobExecutionPage",
        description = "A page of executions, oldest first; nextCursor fetches the next one (null: none for now)")
public record ExecutionPage(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<JobExecutionResponse> results,

        @Schema(
                description = "Pass as ?cursor= for the next page; null when this page was not full (executions "
                        + "made later have later ids, so polling with the last cursor picks them up)",
                nullable = true,
                example = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60")
        UUID nextCursor) {}
