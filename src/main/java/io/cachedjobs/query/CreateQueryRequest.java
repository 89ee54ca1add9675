package io.cachedjobs.query;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@Schema(name = "CreateQuery")
public record CreateQueryRequest(
        @Schema(
                description = "The question asked to the AI engines",
                example = "Which CRM do you recommend for small businesses?",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = 2000)
        @NotBlank
        @Size(max = 2000)
        String query,

        @Schema(
                description = "ISO 639-1 code, optionally with a region; stored in lower case",
                example = "en",
                requiredMode = Schema.RequiredMode.REQUIRED,
                minLength = 2,
                maxLength = 5)
        @NotNull
        @LanguageCode
        String language,

        @Schema(
                description = "ISO 3166-1 alpha-2 code; stored in upper case",
                example = "US",
                requiredMode = Schema.RequiredMode.REQUIRED,
                minLength = 2,
                maxLength = 2)
        @NotNull
        @CountryCode
        String country) {}
