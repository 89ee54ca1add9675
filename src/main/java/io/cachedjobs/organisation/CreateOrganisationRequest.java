package io.cachedjobs.organisation;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.common.Name;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

@Schema(name = "CreateOrganisation")
public record CreateOrganisationRequest(
        @Schema(example = "Acme Inc.", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200)
        @NotBlank
        @MaxLength(200)
        @Name
        String name) {}
