package io.cachedjobs.tag;

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
import jakarta.validation.Valid;
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
@RequestMapping(TagController.PATH)
@io.swagger.v3.oas.annotations.tags.Tag(name = "Tags", description = "Labels that group a project's queries")
class TagController {

    static final String PATH = "/api/tags";
    private final TagService tags;

    TagController(TagService tags) {
        this.tags = tags;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Access(Right.EDITOR)
    @Idempotent
    @Operation(
            summary = "Create a tag in the project",
            description =
                    "Tag names are unique in a project: a name already taken is a 409 naming the tag " + "that has it.")
    @Conflict
    ResponseEntity<TagResponse> create(ProjectScope scope, @Valid @RequestBody CreateTagRequest request) {
        TagResponse created = tags.create(scope, request);
        return Created.at(PATH, created.id(), created);
    }

    @GetMapping
    @Access(Right.VIEWER)
    @Operation(summary = "List the project's tags", description = "Ordered by name, then id.")
    PageResponse<TagResponse> list(ProjectScope scope, @PageLimit(max = 100) PageParams page) {
        return tags.list(scope, page);
    }

    @GetMapping(Paths.NUMERIC_ID)
    @Access(Right.VIEWER)
    @Operation(summary = "Get a tag of the project")
    TagResponse get(ProjectScope scope, @PathVariable long id) {
        return tags.get(scope, id);
    }

    @PatchMapping(Paths.NUMERIC_ID)
    @Access(Right.EDITOR)
    @Operation(
            summary = "Change a tag's name or colour",
            description = "Any subset of the fields; those left out keep their value. A name another tag of "
                    + "the project has is a 409 naming that tag.")
    @Conflict
    TagResponse update(ProjectScope scope, @PathVariable long id, @Valid @RequestBody UpdateTagRequest request) {
        return tags.update(scope, id, request);
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping(Paths.NUMERIC_ID)
    @Access(Right.EDITOR)
    @Operation(
            summary = "Delete a tag",
            description = "The tag is removed from every query that had it; the queries themselves stay.")
    void delete(ProjectScope scope, @PathVariable long id) {
        tags.delete(scope, id);
    }
}
