package io.cachedjobs.provider;

import io.cachedjobs.api.NotIdempotent;
import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.security.SecurityOpenApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/ai-providers")
@Tag(name = "AI providers", description = "The catalogue of provider keys, their models and their engine accounts")
class ProviderController {

    private final ProviderCatalogue catalogue;
    private final EngineStatuses engines;

    ProviderController(ProviderCatalogue catalogue, EngineStatuses engines) {
        this.catalogue = catalogue;
        this.engines = engines;
    }

    @GetMapping
    @Access(Right.VIEWER)
    @Operation(
            summary = "List the provider keys accepted in aiModels, the model each is transformed to, and its engine",
            description = "`engine` says which account the key calls and whether it is called now: `working`, "
                    + "`not_configured` (no API key: its executions fail with `engine-not-configured`) or `paused` "
                    + "(its executions wait, pending; `pauseReason` says why and `pausedUntil` until when, null "
                    + "until an operator resumes it or its key changes).")
    List<ProviderResponse> list() {
        return catalogue.all(engines);
    }

    @PostMapping("/accounts/{account}/resume")
    @Access(Right.OPERATOR)
    @NotIdempotent("Resuming is idempotent by itself (a resumed account stays resumed), and an engine account "
            + "belongs to no organisation to keep Idempotency-Keys apart")
    @Operation(
            summary = "Resume a paused engine account (operator token)",
            description = "Clears the account's pause, whatever its reason (out of credit once the credit is topped "
                    + "up, a refused key once it is mended); its waiting executions are sent again within a "
                    + "minute. An account whose daily budget is still spent pauses again at its next call. "
                    + "Answers the account's state; 404 for an account that is not configured.",
            security = @SecurityRequirement(name = SecurityOpenApi.OPERATOR_TOKEN))
    EngineStatus resume(@PathVariable String account) {
        return engines.resume(account);
    }
}
