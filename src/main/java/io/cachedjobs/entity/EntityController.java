package io.cachedjobs.entity;

import io.cachedjobs.api.Conflict;
import io.cachedjobs.api.Created;
import io.cachedjobs.api.Idempotent;
import io.cachedjobs.api.PageLimit;
import io.cachedjobs.api.Paths;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.tenancy.ProjectScope;
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
@RequestMapping(EntityController.PATH)
@Tag(name = "Entities", description = "The names a project tracks in its answers: its own brand, competitors, others")
class EntityController {

    static final String PATH = "/api/entities";
    private final EntityService entities;

    EntityController(EntityService entities) {
        this.entities = entities;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Access(Right.EDITOR)
    @Idempotent
    @Operation(
            summary = "Create an entity in the project",
            description = "A name or alias another entity of the project has (compared without case and "
                    + "accents) is a 409 naming that entity, and so is a second primary entity. A domain that "
                    + "is none is a 400. The project's answers are derived again with it, in the background "
                    + "(GET /api/analysis/status).")
    @Conflict
    ResponseEntity<EntityResponse> create(ProjectScope scope, @Valid @RequestBody CreateEntityRequest request) {
        EntityResponse created = entities.create(scope, request);
        return Created.at(PATH, created.id(), created);
    }

    @GetMapping(Paths.ID)
    @Access(Right.VIEWER)
    @Operation(summary = "Get an entity of the project")
    EntityResponse get(ProjectScope scope, @PathVariable UUID id) {
        return entities.get(scope, id);
    }

    @PostMapping("/list")
    @Access(Right.VIEWER)
    @Operation(
            summary = "List the project's entities",
            description = "Filters and order in the body (`{}` or no body lists everything, oldest first); "
                    + "`?limit=` (at most 500) and `?page=` (1-based) choose the page. Ties in the order are "
                    + "broken by id.")
    PageResponse<EntityResponse> list(
            ProjectScope scope,
            @PageLimit(max = EntityService.MAX_PAGE) PageParams page,
            @Valid @RequestBody(required = false) ListEntitiesRequest request) {
        return entities.list(scope, request, page);
    }

    @PatchMapping(Paths.ID)
    @Access(Right.EDITOR)
    @Operation(
            summary = "Change an entity",
            description = "Any subset of the fields, checked like a create; `aliases` and `domains` replace "
                    + "the lists. The project's answers are derived again in the background.")
    @Conflict
    EntityResponse update(ProjectScope scope, @PathVariable UUID id, @Valid @RequestBody UpdateEntityRequest request) {
        return entities.update(scope, id, request);
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping(Paths.ID)
    @Access(Right.EDITOR)
    @Operation(
            summary = "Delete an entity",
            description = "With every row derived for it; the project's entities get a new version.")
    void delete(ProjectScope scope, @PathVariable UUID id) {
        entities.delete(scope, id);
    }
}
