package io.cachedjobs.problem;

import io.swagger.v3.oas.annotations.media.Schema;

/** One thing wrong with a request: the body field (as a JSON path), header or parameter, and why. */
@Schema(description = "One thing wrong with the request")
public record FieldProblem(
        @Schema(
                description = "Body field as a path (e.g. `aiModels[1]`), header or parameter name",
                example = "executionCount")
        String field,

        @Schema(example = "must be at least 1") String message) {}
