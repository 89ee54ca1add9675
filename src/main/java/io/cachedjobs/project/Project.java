package io.cachedjobs.project;

import io.cachedjobs.common.BaseEntity;
import io.cachedjobs.provider.ProviderKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
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

    /** When the recurrence runs next; null when it is manual or paused. Set by {@link #reschedule}. */
    @Column(name = "next_run_at")
    private Instant nextRunAt;

    /** The scheduled time of the last run the recurrence made. */
    @Column(name = "last_run_at")
    private Instant lastRunAt;

    /**
     * A new project's schedule waits for its creation time ({@code biweekly} counts from its week):
     * the time the schedule was set, until the insert gives the project its {@code createdAt}.
     */
    @Transient
    private Instant scheduledAtCreation;

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

    /**
     * Sets the recurrence, its time zone and status. When any of them changes, the next run becomes
     * the first strictly after {@code now}: runs missed while paused are not made up. Setting them
     * to what they are changes nothing, so a due run stays due.
     */
    void schedule(Recurrence recurrence, ZoneId zone, RecurrenceStatus status, Instant now) {
        boolean changed = !recurrence.text().equals(this.recurrence)
                || !zone.getId().equals(this.recurrenceTimezone)
                || status != this.recurrenceStatus;
        this.recurrence = recurrence.text();
        this.recurrenceTimezone = zone.getId();
        this.recurrenceStatus = status;
        if (!changed) {
            return;
        }
        if (getCreatedAt() == null) {
            scheduledAtCreation = now;
        } else {
            reschedule(now);
        }
    }

    @PrePersist
    void scheduleFirstRun() {
        // Runs after BaseEntity's own @PrePersist, which sets createdAt (superclass callbacks first).
        if (scheduledAtCreation != null) {
            reschedule(scheduledAtCreation);
            scheduledAtCreation = null;
        }
    }

    /**
     * The recurrence ran (or was skipped) at {@code scheduledFor}: the next run is the first strictly
     * after {@code now}, so that runs missed while the service was down make one run, not one each.
     *
     * @param ran whether the run was made: its time becomes {@code lastRunAt}
     */
    void advance(Instant scheduledFor, Instant now, boolean ran) {
        if (ran) {
            lastRunAt = scheduledFor;
        }
        reschedule(now);
    }

    /**
     * The one place the next run is computed: the first strictly after {@code now}; null for a
     * manual or paused recurrence.
     */
    void reschedule(Instant now) {
        nextRunAt = recurrenceStatus == RecurrenceStatus.PAUSED
                ? null
                : recurrence().nextRunAfter(now, zone(), getCreatedAt());
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

    UUID organisationId() {
        return organisationId;
    }

    Instant nextRunAt() {
        return nextRunAt;
    }

    ProjectResponse toResponse() {
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
                lastRunAt,
                getCreatedAt(),
                getUpdatedAt());
    }
}
