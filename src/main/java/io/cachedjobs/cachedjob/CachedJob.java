package io.cachedjobs.cachedjob;

import io.cachedjobs.common.BaseEntity;
import io.cachedjobs.problem.ConflictException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
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

    protected CachedJob() {}

    CachedJobStatus status() {
        return status;
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
