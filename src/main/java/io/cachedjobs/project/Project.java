package io.cachedjobs.project;

import io.cachedjobs.common.BaseEntity;
import io.cachedjobs.provider.ProviderKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "projects")
class Project extends BaseEntity {

    @Column(name = "organisation_id", nullable = false, updatable = false)
    private UUID organisationId;

    @Column(nullable = false)
    private String name;

    private String website;
    private String industry;
    private String description;

    @Column(nullable = false)
    private String recurrence;

    @Column(name = "recurrence_timezone", nullable = false)
    private String recurrenceTimezone;

    @Column(name = "recurrence_status", nullable = false)
    private RecurrenceStatus recurrenceStatus;

    /** Provider keys, not models: the model a key stands for is configuration and may change. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "llm_providers", nullable = false)
    private List<String> llmProviders;

    @Column(name = "execution_count", nullable = false)
    private int executionCount;

    protected Project() {}

    Project(UUID organisationId, String name, String website, String industry, String description) {
        this.organisationId = organisationId;
        this.name = name;
        this.website = website;
        this.industry = industry;
        this.description = description;
    }

    void rename(String name) {
        this.name = name;
    }

    void describe(String website, String industry, String description) {
        this.website = website;
        this.industry = industry;
        this.description = description;
    }

    void schedule(Recurrence recurrence, ZoneId zone, RecurrenceStatus status) {
        this.recurrence = recurrence.text();
        this.recurrenceTimezone = zone.getId();
        this.recurrenceStatus = status;
    }

    void runWith(List<ProviderKey> providers, int executionCount) {
        this.llmProviders = providers.stream().map(ProviderKey::key).toList();
        this.executionCount = executionCount;
    }

    String website() {
        return website;
    }

    String industry() {
        return industry;
    }

    String description() {
        return description;
    }

    Recurrence recurrence() {
        return Recurrence.parse(recurrence);
    }

    ZoneId zone() {
        return ZoneId.of(recurrenceTimezone);
    }

    RecurrenceStatus recurrenceStatus() {
        return recurrenceStatus;
    }

    /** A key no longer in the catalogue is left out rather than failing every read of the project. */
    List<ProviderKey> llmProviders() {
        return llmProviders.stream()
                .map(key -> Arrays.stream(ProviderKey.values())
                        .filter(known -> known.key().equals(key))
                        .findFirst()
                        .orElse(null))
                .filter(Objects::nonNull)
                .toList();
    }

    int executionCount() {
        return executionCount;
    }

    ProjectSettings settings() {
        return new ProjectSettings(llmProviders(), executionCount);
    }

    ProjectResponse toResponse(Instant now) {
        Instant nextRunAt = recurrenceStatus == RecurrenceStatus.PAUSED
                ? null
                : recurrence().nextRunAfter(now, zone(), getCreatedAt());
        return new ProjectResponse(
                getId(),
                organisationId,
                name,
                website,
                industry,
                description,
                recurrence,
                recurrenceTimezone,
                recurrenceStatus,
                llmProviders(),
                executionCount,
                nextRunAt,
                getCreatedAt(),
                getUpdatedAt());
    }
}
