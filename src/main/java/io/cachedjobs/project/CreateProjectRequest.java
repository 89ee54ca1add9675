package io.cachedjobs.project;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.common.Name;
import io.cachedjobs.provider.ExecutionCount;
import io.cachedjobs.provider.ProviderKey;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(name = "CreateProject", description = "The settings are optional; each left out or null takes its default")
public record CreateProjectRequest(
        @Schema(example = "Acme CRM", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200)
        @NotBlank
        @MaxLength(200)
        @Name
        String name,

        @Schema(example = "https://acme.example", maxLength = 2048)
        @MaxLength(2048)
        @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
        String website,

        @Schema(example = "Software", maxLength = 200) @MaxLength(200)
        String industry,

        @Schema(example = "CRM for small businesses", maxLength = 5000) @MaxLength(5000)
        String description,

        @Schema(description = ProjectFields.RECURRENCE, example = "weekly", defaultValue = "manual", maxLength = 200)
        @MaxLength(200)
        @RecurrenceRule
        String recurrence,

        @Schema(description = ProjectFields.TIME_ZONE, example = "Europe/Brussels", defaultValue = "UTC")
        @MaxLength(64)
        @TimeZoneId
        String recurrenceTimezone,

        @Schema(description = ProjectFields.STATUS, example = "active", defaultValue = "active")
        RecurrenceStatus recurrenceStatus,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = ProjectFields.LLM_PROVIDERS,
                                example = "[\"openai\", \"anthropic\", \"google-generative-ai\"]"),
                minItems = 1,
                maxItems = ProjectFields.MAX_PROVIDERS)
        @Size(min = 1, message = ProviderKey.NONE_GIVEN)
        @Size(max = ProjectFields.MAX_PROVIDERS)
        List<@NotNull ProviderKey> llmProviders,

        @Schema(description = ProjectFields.EXECUTION_COUNT, minimum = "1", defaultValue = "3", example = "3")
        @ExecutionCount
        Integer executionCount) {

    /** A project with every setting at its default. */
    public CreateProjectRequest(String name, String website, String industry, String description) {
        this(name, website, industry, description, null, null, null, null, null);
    }
}
