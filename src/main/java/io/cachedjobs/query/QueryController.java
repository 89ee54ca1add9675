package io.cachedjobs.query;

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
import java.util.List;
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
@RequestMapping(QueryController.PATH)
@Tag(name = "Queries", description = "The questions a project asks the AI engines")
class QueryController {

    static final String PATH = "/api/queries";
    private final QueryService queries;

    QueryController(QueryService queries) {
        this.queries = queries;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Access(Right.EDITOR)
    @Idempotent
    @Operation(
            summary = "Create a query in the project",
            description = "A query with the same text, language and country as a query of the project is a "
                    + "409 naming that query. `tagIds` must be tags of the project.")
    @Conflict
    ResponseEntity<QueryResponse> create(ProjectScope scope, @Valid @RequestBody CreateQueryRequest request) {
        QueryResponse created = queries.create(scope, request);
        return Created.at(PATH, created.id(), created);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/many")
    @Access(Right.EDITOR)
    @Idempotent
    @Operation(
            summary = "Create several queries in the project",
            description = "At least one and at most 1000 queries, each validated like a single create. "
                    + "All or nothing: if any query is invalid (400) or duplicates a query of the project or "
                    + "an earlier entry (409, each duplicate named), none is created.")
    @Conflict
    List<QueryResponse> createMany(ProjectScope scope, @Valid @RequestBody CreateQueriesRequest request) {
        return queries.createMany(scope, request);
    }

    @GetMapping(Paths.ID)
    @Access(Right.VIEWER)
    @Operation(summary = "Get a query of the project")
    QueryResponse get(ProjectScope scope, @PathVariable UUID id) {
        return queries.get(scope, id);
    }

    @PostMapping("/list")
    @Access(Right.VIEWER)
    @Operation(
            summary = "List the project's queries",
            description = "Filters and order in the body (`{}` or no body lists everything, oldest first); "
                    + "`?limit=` (at most 500) and `?page=` (1-based) choose the page. Ties in the order are "
                    + "broken by id, so paging never repeats or skips a query. An unknown sort field, an "
                    + "invalid language or country, or a tag that is not of the project is a 400.")
    PageResponse<QueryResponse> list(
            ProjectScope scope,
            @PageLimit(max = QueryService.MAX_PAGE) PageParams page,
            @Valid @RequestBody(required = false) ListQueriesRequest request) {
        return queries.list(scope, request, page);
    }

    @PatchMapping(Paths.ID)
    @Access(Right.EDITOR)
    @Operation(
            summary = "Change a query",
            description = "Any subset of `query`, `language`, `country` and `tagIds` (which replaces the "
                    + "query's tags), validated like a create. A change that makes the query a duplicate of "
                    + "another is a 409 naming it. Cached jobs already made keep the text they were made with.")
    @Conflict
    QueryResponse update(ProjectScope scope, @PathVariable UUID id, @Valid @RequestBody UpdateQueryRequest request) {
        return queries.update(scope, id, request);
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping(Paths.ID)
    @Access(Right.EDITOR)
    @Operation(
            summary = "Delete a query",
            description = "The query leaves lists, reads and future triggers; the cached jobs already made "
                    + "from it stay readable with its text. The same text may then be created again.")
    void delete(ProjectScope scope, @PathVariable UUID id) {
        queries.delete(scope, id);
    }
}
