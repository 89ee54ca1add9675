package io.cachedjobs.project;

import io.cachedjobs.api.Conflict;
import io.cachedjobs.api.Created;
import io.cachedjobs.api.Idempotent;
import io.cachedjobs.api.PageLimit;
import io.cachedjobs.api.Paths;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.tenancy.OrganisationScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
@RequestMapping(ProjectController.PATH)
@Tag(name = "Projects", description = "Brands or products monitored in an organisation")
class ProjectController {

    static final String PATH = "/api/projects";
    private final ProjectService projects;

    ProjectController(ProjectService projects) {
        this.projects = projects;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Access(Right.EDITOR)
    @Idempotent
    @Operation(
            summary = "Create a project in the organisation",
            description = "The run settings are optional: recurrence `manual`, time zone `UTC`, status `active`, "
                    + "providers `openai`, `anthropic`, `google-generative-ai` and 3 executions by default.")
    ResponseEntity<ProjectResponse> create(OrganisationScope scope, @Valid @RequestBody CreateProjectRequest request) {
        ProjectResponse created = projects.create(scope, request);
        return Created.at(PATH, created.id(), created);
    }

    @GetMapping("/list")
    @Access(Right.VIEWER)
    @Operation(
            summary = "List the organisation's projects",
            description = "One page of the organisation's projects, oldest first (by createdAt, then id), so "
                    + "that paging never repeats or skips a project. A page past the last has no results.")
    PageResponse<ProjectResponse> list(OrganisationScope scope, @PageLimit(max = 100) PageParams page) {
        return projects.list(scope, page);
    }

    @GetMapping(Paths.ID)
    @Access(Right.VIEWER)
    @Operation(summary = "Get a project of the organisation")
    ProjectResponse get(OrganisationScope scope, @PathVariable UUID id) {
        return projects.get(scope, id);
    }

    @PatchMapping(Paths.ID)
    @Access(Right.EDITOR)
    @Operation(
            summary = "Update a project of the organisation",
            description = "Changes any subset of the fields. A field left out or null is unchanged; `\"\"` clears "
                    + "`website`, `industry` or `description`; `name` may not become blank. Every field is "
                    + "validated before anything changes. Answers the project with its new `nextRunAt`.")
    ProjectResponse update(
            OrganisationScope scope, @PathVariable UUID id, @Valid @RequestBody UpdateProjectRequest request) {
        return projects.update(scope, id, request);
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping(Paths.ID)
    @Access(Right.EDITOR)
    @Conflict("A cached job of the project is active: pause it first")
    @Operation(
            summary = "Delete a project of the organisation",
            description = "Deletes the project with its queries and cached jobs. Answers 204 with no body.")
    void delete(OrganisationScope scope, @PathVariable UUID id) {
        projects.delete(scope, id);
    }
}
