package io.cachedjobs.organisation;

import io.cachedjobs.api.Created;
import io.cachedjobs.api.NotIdempotent;
import io.cachedjobs.api.PageLimit;
import io.cachedjobs.api.Paths;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.security.SecurityOpenApi;
import io.cachedjobs.tenancy.OrganisationScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
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
@RequestMapping(OrganisationController.PATH)
@Tag(name = "Organisations", description = "The tenants: each holds projects")
class OrganisationController {

    static final String PATH = "/api/organisations";
    private final OrganisationService organisations;

    OrganisationController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Access(Right.OPERATOR)
    @NotIdempotent("A new organisation has no organisation to keep its Idempotency-Keys apart: a stranger reusing "
            + "a key would be replayed someone else's new organisation, first admin key included")
    @Operation(
            summary = "Create an organisation (operator token)",
            description = "Needs the operator token (`Authorization: Bearer`, from CACHEDJOBS_ADMIN_TOKEN); without "
                    + "that setting, organisation creation is off (403). The answer holds the organisation's first "
                    + "admin key in `apiKey.key`, shown this once.",
            security = @SecurityRequirement(name = SecurityOpenApi.OPERATOR_TOKEN))
    ResponseEntity<NewOrganisationResponse> create(@Valid @RequestBody CreateOrganisationRequest request) {
        NewOrganisationResponse created = organisations.create(request);
        return Created.at(PATH, created.organisation().id(), created);
    }

    @GetMapping
    @Access(Right.VIEWER)
    @Operation(
            summary = "List the organisations the caller may see",
            description = "In the page format: the page holds the API key's organisation and no other.")
    PageResponse<OrganisationResponse> list(OrganisationScope scope, @PageLimit(max = 100) PageParams page) {
        return organisations.list(scope, page);
    }

    @GetMapping(Paths.ID)
    @Access(Right.VIEWER)
    @Operation(
            summary = "Get the caller's organisation",
            description = "Another organisation than the API key's answers 404.")
    OrganisationResponse get(OrganisationScope scope, @PathVariable UUID id) {
        return organisations.get(scope, id);
    }
}
