package io.cachedjobs.project;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateProject")
public record CreateProjectRequest(
        @Schema(example = "Acme CRM", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200)
        @NotBlank
        @Size(max = 200)
        String name,

        @Schema(example = "https://acme.example", maxLength = 2048)
        @Size(max = 2048)
        @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
        String website,

        @Schema(example = "Software", maxLength = 200) @Size(max = 200)
        String industry,

        @Schema(example = "CRM for small businesses", maxLength = 5000) @Size(max = 5000)
        String description) {}
