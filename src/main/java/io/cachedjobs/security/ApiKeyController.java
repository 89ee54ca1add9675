package io.cachedjobs.security;

import io.cachedjobs.api.Conflict;
import io.cachedjobs.api.Created;
import io.cachedjobs.api.NotIdempotent;
import io.cachedjobs.api.PageLimit;
import io.cachedjobs.api.Paths;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The organisation's API keys, managed with an admin key; the organisation is the key's. */
@RestController
@RequestMapping(ApiKeyController.PATH)
@Tag(name = "API keys", description = "The keys of the caller's organisation; admin keys only")
class ApiKeyController {

    static final String PATH = "/api/api-keys";
    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Access(Right.ADMIN)
    @NotIdempotent("The answer holds the new key itself, of which only a hash is kept: keeping the answer for "
            + "retries would store the key")
    @Operation(
            summary = "Create an API key",
            description = "The answer holds the key itself, in `key`: it is shown this once, and only its hash "
                    + "is kept. Send it in the x-api-key header.")
    ResponseEntity<IssuedApiKeyResponse> create(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody CreateApiKeyRequest request) {
        IssuedApiKeyResponse issued = keys.issue(caller.organisationId(), request);
        return Created.at(PATH, issued.metadata().id(), issued);
    }

    @GetMapping
    @Access(Right.ADMIN)
    @Operation(
            summary = "List the organisation's API keys",
            description = "Metadata only, revoked and expired keys included; ordered by creation.")
    PageResponse<ApiKeyResponse> list(@AuthenticationPrincipal Caller caller, @PageLimit(max = 100) PageParams page) {
        return keys.list(caller.organisationId(), page);
    }

    @GetMapping(Paths.ID)
    @Access(Right.ADMIN)
    @Operation(summary = "Get an API key's metadata")
    ApiKeyResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return keys.get(caller.organisationId(), id);
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping(Paths.ID)
    @Access(Right.ADMIN)
    @Operation(
            summary = "Revoke an API key",
            description = "At once: the key's next call is a 401. The key stays listed, with `revokedAt`. "
                    + "Revoking a revoked key changes nothing.")
    @Conflict("The organisation's last admin key without an expiry cannot be revoked")
    void revoke(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        keys.revoke(caller.organisationId(), id);
    }
}
