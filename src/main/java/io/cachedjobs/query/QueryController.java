package io.cachedjobs.query;

import io.cachedjobs.web.Created;
import io.cachedjobs.web.Paths;
import io.cachedjobs.web.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
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
    @Operation(summary = "Create a query in the project")
    ResponseEntity<QueryResponse> create(ProjectScope scope, @Valid @RequestBody CreateQueryRequest request) {
        QueryResponse created = queries.create(scope, request);
        return Created.at(PATH, created.id(), created);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/many")
    @Operation(
            summary = "Create several queries in the project",
            description = "At least one and at most 1000 queries, each validated like a single create. "
                    + "All or nothing: if any query is invalid, none is created.")
    List<QueryResponse> createMany(ProjectScope scope, @Valid @RequestBody CreateQueriesRequest request) {
        return queries.createMany(scope, request);
    }

    @GetMapping(Paths.ID)
    @Operation(summary = "Get a query of the project")
    QueryResponse get(ProjectScope scope, @PathVariable UUID id) {
        return queries.get(scope, id);
    }
}
