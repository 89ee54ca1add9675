package io.cachedjobs.organisation;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateOrganisation")
public record CreateOrganisationRequest(
        @Schema(example = "Acme Inc.", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200)
        @NotBlank
        @Size(max = 200)
        String name) {}
