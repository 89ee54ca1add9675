package io.cachedjobs.entity;

import io.cachedjobs.common.MaxLength;
import io.cachedjobs.common.Name;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A field left out (or null) keeps its value; a list given replaces the stored one. */
@Schema(
        name = "UpdateEntity",
        description = "Any subset of the fields; those left out keep their value, a list given replaces the list")
public record UpdateEntityRequest(
        @Schema(description = EntityService.NAME_RULE, example = "HubSpot", maxLength = EntityService.MAX_NAME)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
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

        @Schema(description = "What it is", example = "company")
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
        Boolean accentSensitive) {}
