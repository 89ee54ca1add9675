package io.cachedjobs.usage;

import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.tenancy.OrganisationScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Usage", description = "What the organisation's executions used: tokens, searches and cost")
class UsageController {

    static final String PATH = "/api/usage";

    private final UsageService usage;

    UsageController(UsageService usage) {
        this.usage = usage;
    }

    @GetMapping(PATH)
    @Access(Right.VIEWER)
    @Operation(
            summary = "Get the organisation's usage by day and model",
            description = "Its executions that finished (succeeded or failed) from `from` to `to`, by UTC day of "
                    + "finishing and model, and in total: executions, tokens, searches, cost in millionths of a "
                    + "US dollar and calls possibly billed whose answer was lost. Days are UTC, `from` inclusive "
                    + "and `to` exclusive; by default the last 30 days, today included; at most 366 days. A day "
                    + "that is not `YYYY-MM-DD`, or a `from` not before `to`, is a 400 naming it.")
    UsageResponse get(
            OrganisationScope scope,
            @Parameter(
                            description = "The first UTC day counted, `YYYY-MM-DD`. Default: 30 days before `to`",
                            schema = @Schema(type = "string", format = "date", example = "2026-10-30"))
                    @RequestParam(required = false)
                    String from,
            @Parameter(
                            description = "The day after the last counted (exclusive), `YYYY-MM-DD`. Default: "
                                    + "tomorrow, so that today counts",
                            schema = @Schema(type = "string", format = "date", example = "2026-11-29"))
                    @RequestParam(required = false)
                    String to) {
        return usage.usage(scope, from, to);
    }
}
