package io.cachedjobs.cachedjob;

import io.cachedjobs.common.BaseEntity;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.problem.ConflictException;
import io.cachedjobs.query.QuerySnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One query asked to a set of models. The query's text, language and country are copied at
 * creation: a job records what it asks, whatever later happens to the query.
 */
@Entity
@Table(name = "cached_jobs")
class CachedJob extends BaseEntity {

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(name = "query_id", nullable = false, updatable = false)
    private UUID queryId;

    @Column(name = "query_text", nullable = false, updatable = false)
    private String queryText;

    @Column(nullable = false, updatable = false)
    private String language;

    @Column(nullable = false, updatable = false)
    private String country;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "ai_models", nullable = false)
    private String[] aiModels;

    @Column(name = "execution_count", nullable = false)
    private int executionCount;

    @Column(nullable = false)
    private CachedJobStatus status;

    @Column(nullable = false)
    private boolean restricted;

    /** The trigger that made the job; null for a job made on its own. */
    @Column(name = "run_id", updatable = false)
    private UUID runId;

    protected CachedJob() {}

    /** A row of plain SQL: read by {@link CachedJobRows#read}, or to be written by a batch insert. */
    CachedJob(
            UUID id,
            UUID projectId,
            UUID queryId,
            String queryText,
            String language,
            String country,
            String[] aiModels,
            int executionCount,
            CachedJobStatus status,
            boolean restricted,
            UUID runId,
            Instant createdAt,
            Instant updatedAt) {
        super(id, createdAt, updatedAt);
        this.projectId = projectId;
        this.queryId = queryId;
        this.queryText = queryText;
        this.language = language;
        this.country = country;
        this.aiModels = aiModels;
        this.executionCount = executionCount;
        this.status = status;
        this.restricted = restricted;
        this.runId = runId;
    }

    /**
     * A new pending job of the project asking {@code query} to {@code models} (model names), made at
     * {@code now}; its id is made here, for a batch insert.
     */
    static CachedJob pending(
            UUID projectId, QuerySnapshot query, List<String> models, int executionCount, Instant now) {
        return new CachedJob(
                UuidV7.next(),
                projectId,
                query.id(),
                query.query(),
                query.language(),
                query.country(),
                models.toArray(String[]::new),
                executionCount,
                CachedJobStatus.PENDING,
                false,
                null,
                now,
                now);
    }

    UUID projectId() {
        return projectId;
    }

    UUID queryId() {
        return queryId;
    }

    UUID runId() {
        return runId;
    }

    String queryText() {
        return queryText;
    }

    String language() {
        return language;
    }

    String country() {
        return country;
    }

    /** The model names, as stored: not a copy. */
    String[] aiModels() {
        return aiModels;
    }

    int executionCount() {
        return executionCount;
    }

    CachedJobStatus status() {
        return status;
    }

    boolean restricted() {
        return restricted;
    }

    /** Applies a user's change, refusing what the lifecycle forbids (409). */
    void update(List<String> newModels, Integer newExecutionCount, Boolean newRestricted, CachedJobStatus target) {
        boolean onlyRestatesStatus = (target == null || target == status)
                && newModels == null
                && newExecutionCount == null
                && newRestricted == null;
        if (onlyRestatesStatus) {
            return;
        }
        if (status == CachedJobStatus.ENDED) {
            throw ConflictException.of("Cached job " + getId() + " has ended; an ended job cannot change");
        }
        boolean settingsChange = newModels != null || newExecutionCount != null;
        if (settingsChange && status == CachedJobStatus.ACTIVE) {
            throw ConflictException.of("Cached job " + getId()
                    + " is active; aiModels and executionCount change only while it is pending or inactive");
        }
        if (target != null && target != status) {
            if (!status.userTransitions().contains(target)) {
                throw ConflictException.of("Cached job " + getId() + " cannot move from " + status + " to " + target
                        + "; allowed from " + status + ": " + describe(status.userTransitions()));
            }
            status = target;
        }
        if (newModels != null) {
            aiModels = newModels.toArray(String[]::new);
        }
        if (newExecutionCount != null) {
            executionCount = newExecutionCount;
        }
        if (newRestricted != null) {
            restricted = newRestricted;
        }
    }

    private static String describe(Set<CachedJobStatus> statuses) {
        return statuses.isEmpty()
                ? "none"
                : statuses.stream().map(CachedJobStatus::value).collect(Collectors.joining(", "));
    }

    /** The job as the API answers it: the only place the answer is made from a row. */
    CachedJobResponse toResponse() {
        return new CachedJobResponse(
                getId(),
                projectId,
                queryId,
                queryText,
                List.of(aiModels),
                executionCount,
                language,
                country,
                status,
                getUpdatedAt(),
                getCreatedAt(),
                restricted);
    }
}
