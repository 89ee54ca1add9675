package io.cachedjobs.organisation;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.cachedjobs.security.IssuedApiKeyResponse;
import io.swagger.v3.oas.annotations.media.Schema;

/** A new organisation, with its first admin key: the one time that key is shown. */
@Schema(name = "NewOrganisation")
public record NewOrganisationResponse(
        @JsonUnwrapped OrganisationResponse organisation,

        @Schema(description = "The organisation's first admin key; `key` is shown this once")
        IssuedApiKeyResponse apiKey) {}
