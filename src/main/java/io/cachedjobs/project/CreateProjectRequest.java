package io.cachedjobs.project;

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
        @Size(max = 200)
        String name,

        @Schema(example = "https://acme.example", maxLength = 2048)
        @Size(max = 2048)
        @Pattern(regexp = "https?://\\S+", message = "must be an http or https URL")
        String website,

        @Schema(example = "Software", maxLength = 200) @Size(max = 200)
        String industry,

        @Schema(example = "CRM for small businesses", maxLength = 5000) @Size(max = 5000)
        String description,

        @Schema(description = ProjectFields.RECURRENCE, example = "weekly", defaultValue = "manual", maxLength = 200)
        @Size(max = 200)
        @RecurrenceRule
        String recurrence,

        @Schema(description = ProjectFields.TIME_ZONE, example = "Europe/Brussels", defaultValue = "UTC")
        @Size(max = 64)
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
