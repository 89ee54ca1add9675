package io.cachedjobs.cachedjob;

import io.cachedjobs.api.Conflict;
import io.cachedjobs.api.Idempotent;
import io.cachedjobs.api.PageLimit;
import io.cachedjobs.api.Paths;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.tenancy.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cached-jobs")
@Tag(name = "Cached jobs", description = "The units of work: one query asked to a set of AI models")
class CachedJobController {

    static final String TRIGGER_EXAMPLE = "{\"aiModels\": [\"openai\", \"anthropic\"], \"executionCount\": 3}";

    private final CachedJobService jobs;

    CachedJobController(CachedJobService jobs) {
        this.jobs = jobs;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/trigger")
    @Access(Right.EDITOR)
    @Idempotent(rereadOnReplay = true)
    @Operation(
            summary = "Create many cached jobs for all queries in a project.",
            description = "Creates, in one transaction, one new pending cached job per query of the project, in the "
                    + "order the queries were created. Provider keys are transformed to model names. A project "
                    + "without queries answers an empty array.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = TriggerRequest.class),
                                            // The fields' own examples name a query and tags of no
                                            // project: "Try it out" must work as shown.
                                            examples =
                                                    @ExampleObject(
                                                            name = "provider keys and runs",
                                                            value = TRIGGER_EXAMPLE))))
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = CachedJobResponse.class))))
    TriggeredJobs trigger(ProjectScope scope, @Valid @RequestBody TriggerRequest request) {
        return jobs.trigger(scope, request);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/many")
    @Access(Right.EDITOR)
    @Idempotent
    @Operation(
            summary = "Create cached jobs for chosen queries of the project.",
            description = "One new pending cached job per entry, in the request's order, at most 1000. All or "
                    + "nothing: a query that is not in the project is a 404 naming it, and nothing is created.")
    List<CachedJobResponse> createMany(ProjectScope scope, @Valid @RequestBody CreateCachedJobsRequest request) {
        return jobs.createMany(scope, request);
    }

    @GetMapping(Paths.ID)
    @Access(Right.VIEWER)
    @Operation(summary = "Get a cached job of the project")
    CachedJobResponse get(ProjectScope scope, @PathVariable UUID id) {
        return jobs.get(scope, id);
    }

    @PostMapping("/list")
    @Access(Right.VIEWER)
    @Operation(
            summary = "List the project's cached jobs",
            description = "Filters and sort in the body (all optional; the body may be left out), paging in "
                    + "?limit=&page=. Ordered by createdAt unless sorted otherwise; ties broken by id.")
    PageResponse<CachedJobResponse> list(
            ProjectScope scope,
            @PageLimit(max = 100) PageParams page,
            @Valid @RequestBody(required = false) CachedJobListRequest request) {
        return jobs.list(scope, request, page);
    }

    @PatchMapping(Paths.ID)
    @Access(Right.EDITOR)
    @Conflict("The lifecycle refuses the change; `detail` names the transitions allowed from the current status")
    @Operation(
            summary = "Change a cached job",
            description = "Fields left out stay as they are. status follows the lifecycle: pause (pending or "
                    + "active -> inactive), resume (inactive -> pending); a refused transition is a 409 that "
                    + "names the allowed ones. An ended job cannot change; an active one only pauses or "
                    + "changes restricted.")
    CachedJobResponse update(
            ProjectScope scope, @PathVariable UUID id, @Valid @RequestBody UpdateCachedJobRequest request) {
        return jobs.update(scope, id, request);
    }

    @DeleteMapping(Paths.ID)
    @Access(Right.EDITOR)
    @Conflict("The job is active: pause it first")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a cached job", description = "An active job cannot be deleted (409): pause it first.")
    void delete(ProjectScope scope, @PathVariable UUID id) {
        jobs.delete(scope, id);
    }
}
