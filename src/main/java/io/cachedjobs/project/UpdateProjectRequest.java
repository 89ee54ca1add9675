package io.cachedjobs.project;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.common.Name;
import io.cachedjobs.provider.ExecutionCount;
import io.cachedjobs.provider.ProviderKey;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A partial update. JSON cannot tell "leave it" from "clear it" for a record component, so null and
 * absent both mean unchanged, and the optional texts are cleared with {@code ""}.
 */
@Schema(
        name = "UpdateProject",
        description = "Any subset of the fields. A field left out or null is unchanged; `\"\"` clears `website`, "
                + "`industry` or `description`. Everything is validated before anything is changed.")
public record UpdateProjectRequest(
        @Schema(example = "Acme CRM", maxLength = 200, description = "May not be blank")
        @MaxLength(200)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        @Name
        String name,

        @Schema(example = "https://acme.example", maxLength = 2048, description = "`\"\"` clears it")
        @MaxLength(2048)
        @Pattern(regexp = "(https?://\\S+)?", message = "must be an http or https URL, or \"\" to clear it")
        String website,

        @Schema(example = "Software", maxLength = 200, description = "`\"\"` clears it") @MaxLength(200)
        String industry,

        @Schema(example = "CRM for small businesses", maxLength = 5000, description = "`\"\"` clears it")
        @MaxLength(5000)
        String description,

        @Schema(description = ProjectFields.RECURRENCE, example = "0 9 * * MON", maxLength = 200)
        @MaxLength(200)
        @RecurrenceRule
        String recurrence,

        @Schema(description = ProjectFields.TIME_ZONE, example = "Europe/Brussels") @MaxLength(64) @TimeZoneId
        String recurrenceTimezone,

        @Schema(description = ProjectFields.STATUS, example = "paused")
        RecurrenceStatus recurrenceStatus,

        @ArraySchema(
                arraySchema =
                        @Schema(description = ProjectFields.LLM_PROVIDERS, example = "[\"openai5\", \"perplexity\"]"),
                minItems = 1,
                maxItems = ProjectFields.MAX_PROVIDERS)
        @Size(min = 1, message = ProviderKey.NONE_GIVEN)
        @Size(max = ProjectFields.MAX_PROVIDERS)
        List<@NotNull ProviderKey> llmProviders,

        @Schema(description = ProjectFields.EXECUTION_COUNT, minimum = "1", example = "5") @ExecutionCount
        Integer executionCount) {}
