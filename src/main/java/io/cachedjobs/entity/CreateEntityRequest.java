package io.cachedjobs.entity;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.common.Name;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(name = "CreateEntity", description = "Only name is required; a flag left out is false, the type brand")
public record CreateEntityRequest(
        @Schema(
                description = EntityService.NAME_RULE,
                example = "HubSpot",
                requiredMode = Schema.RequiredMode.REQUIRED,
                maxLength = EntityService.MAX_NAME)
        @NotBlank
        @MaxLength(EntityService.MAX_NAME)
        @Name
        String name,

        @ArraySchema(
                arraySchema = @Schema(description = EntityService.ALIASES_RULE),
                schema = @Schema(example = "HubSpot CRM", maxLength = EntityService.MAX_NAME),
                maxItems = EntityService.MAX_ALIASES)
        @Size(max = EntityService.MAX_ALIASES)
        List<@NotBlank @MaxLength(EntityService.MAX_NAME) @Name String> aliases,

        @ArraySchema(
                arraySchema = @Schema(description = EntityService.DOMAINS_RULE),
                schema = @Schema(example = "hubspot.com", maxLength = EntityService.MAX_DOMAIN),
                maxItems = EntityService.MAX_DOMAINS)
        @Size(max = EntityService.MAX_DOMAINS)
        List<@NotNull @MaxLength(EntityService.MAX_DOMAIN) String> domains,

        @Schema(description = "What it is; default brand", example = "company")
        EntityType type,

        @Schema(description = EntityService.OWNED_RULE, example = "false")
        Boolean isOwned,

        @Schema(description = EntityService.PRIMARY_RULE, example = "false")
        Boolean isPrimary,

        @Schema(description = "A competitor of the project's own brand", example = "true")
        Boolean isCompetitor,

        @Schema(description = EntityService.CASE_RULE, example = "false")
        Boolean caseSensitive,

        @Schema(description = EntityService.ACCENT_RULE, example = "false")
        Boolean accentSensitive) {

    /** An entity with only a name and domains, its flags and options at their defaults. */
    public CreateEntityRequest(String name, List<String> domains) {
        this(name, null, domains, null, null, null, null, null, null);
    }
}
