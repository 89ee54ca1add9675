package io.cachedjobs.execution;

import io.cachedjobs.api.PageLimit;
import io.cachedjobs.api.Paths;
import io.cachedjobs.api.QueryIntegers;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.tenancy.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Job executions", description = "Each ask of a cached job's query to one engine, and what it answered")
class JobExecutionController {

    private final JobExecutionService executions;

    JobExecutionController(JobExecutionService executions) {
        this.executions = executions;
    }

    @GetMapping("/api/cached-jobs" + Paths.ID + "/executions")
    @Access(Right.VIEWER)
    @Operation(
            summary = "List a cached job's executions",
            description = "One per model and run, made when the job starts (none while it is pending); in the "
                    + "job's order: by model as in aiModels, then by run number.")
    PageResponse<JobExecutionResponse> ofJob(
            ProjectScope scope, @PathVariable UUID id, @PageLimit(max = 100) PageParams page) {
        return executions.ofJob(scope, id, page);
    }

    @GetMapping("/api/job-executions" + Paths.ID)
    @Access(Right.VIEWER)
    @Operation(summary = "Get an execution of the project, with its answer, sources, usage and cost")
    JobExecutionResponse get(ProjectScope scope, @PathVariable UUID id) {
        return executions.get(scope, id);
    }

    @GetMapping(value = "/api/job-executions" + Paths.ID + "/raw", produces = MediaType.APPLICATION_JSON_VALUE)
    @Access(Right.VIEWER)
    @Operation(
            summary = "Get the engine's answer as it was received",
            description = "The engine's own JSON, unchanged (an answer that took two calls: both bodies in one "
                    + "object). 404 until the engine has answered.")
    @ApiResponse(
            responseCode = "200",
            description = "The engine's answer",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(type = "object", description = "The engine's own JSON, as received")))
    String raw(ProjectScope scope, @PathVariable UUID id) {
        return executions.raw(scope, id);
    }

    @PostMapping("/api/job-executions/list")
    @Access(Right.VIEWER)
    @Operation(
            summary = "List the project's executions",
            description = "Filters in the body (all optional; the body may be left out), oldest first, a page of "
                    + "?limit= (1 to 1000, default 100) after ?cursor=, the nextCursor of the page before: a complete "
                    + "export even while executions keep arriving.")
    ExecutionPage list(
            ProjectScope scope,
            @Parameter(
                            description = "Executions per page, 1 to 1000",
                            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
                    @RequestParam(required = false)
                    String limit,
            @Parameter(description = "The nextCursor of the previous page") @RequestParam(required = false) UUID cursor,
            @Valid @RequestBody(required = false) ListJobExecutionsRequest request) {
        return executions.list(scope, request, (int) QueryIntegers.read("limit", limit, 100, 1, 1000), cursor);
    }
}
