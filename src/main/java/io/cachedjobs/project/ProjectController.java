package io.cachedjobs.project;

import io.cachedjobs.web.Created;
import io.cachedjobs.web.OrganisationScope;
import io.cachedjobs.web.Paths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
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
    @Operation(summary = "Create a project in the organisation")
    ResponseEntity<ProjectResponse> create(OrganisationScope scope, @Valid @RequestBody CreateProjectRequest request) {
        ProjectResponse created = projects.create(scope, request);
        return Created.at(PATH, created.id(), created);
    }

    @GetMapping(Paths.ID)
    @Operation(summary = "Get a project of the organisation")
    ProjectResponse get(OrganisationScope scope, @PathVariable UUID id) {
        return projects.get(scope, id);
    }
}
