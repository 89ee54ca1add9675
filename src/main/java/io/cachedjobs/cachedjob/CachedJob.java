package io.cachedjobs.cachedjob;

import io.cachedjobs.common.BaseEntity;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.problem.ConflictException;
import io.cachedjobs.provider.ProviderCatalogue;
import io.cachedjobs.query.QuerySnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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

    /** The provider key each model was chosen by, in the same order: the engine to ask. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "provider_keys", nullable = false)
    private String[] providerKeys;

    @Column(name = "execution_count", nullable = false)
    private int executionCount;

    @Column(nullable = false)
    private CachedJobStatus status;

    @Column(nullable = false)
    private boolean restricted;

    /** The trigger that made the job; null for a job made on its own. */
    @Column(name = "run_id", updatable = false)
    private UUID runId;

    @Embedded
    private ExecutionCounts executions;

    /** How it ended, once ended; kept by the runner. */
    @Column(insertable = false, updatable = false)
    private JobOutcome outcome;

    /** What its executions cost, in USD millionths, once ended; kept by the runner. */
    @Column(name = "cost_micros", insertable = false, updatable = false)
    private Long costMicros;

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
            String[] providerKeys,
            int executionCount,
            CachedJobStatus status,
            boolean restricted,
            UUID runId,
            ExecutionCounts executions,
            JobOutcome outcome,
            Long costMicros,
            Instant createdAt,
            Instant updatedAt) {
        super(id, createdAt, updatedAt);
        this.projectId = projectId;
        this.queryId = queryId;
        this.queryText = queryText;
        this.language = language;
        this.country = country;
        this.aiModels = aiModels;
        this.providerKeys = providerKeys;
        this.executionCount = executionCount;
        this.status = status;
        this.restricted = restricted;
        this.runId = runId;
        this.executions = executions;
        this.outcome = outcome;
        this.costMicros = costMicros;
    }

    /**
     * A new pending job of the project asking {@code query} to {@code models}, made at {@code now};
     * its id is made here, for a batch insert.
     */
    static CachedJob pending(
            UUID projectId, QuerySnapshot query, ProviderCatalogue.Selection models, int executionCount, Instant now) {
        return new CachedJob(
                UuidV7.next(),
                projectId,
                query.id(),
                query.query(),
                query.language(),
                query.country(),
                models.models().toArray(String[]::new),
                models.providerKeys().toArray(String[]::new),
                executionCount,
                CachedJobStatus.PENDING,
                false,
                null,
                ExecutionCounts.NONE,
                null,
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

    String[] providerKeys() {
        return providerKeys;
    }

    ExecutionCounts executions() {
        return executions;
    }

    JobOutcome outcome() {
        return outcome;
    }

    Long costMicros() {
        return costMicros;
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
    void update(
            ProviderCatalogue.Selection newModels,
            Integer newExecutionCount,
            Boolean newRestricted,
            CachedJobStatus target) {
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
        if (settingsChange && executions.total() > 0) {
            throw ConflictException.of("Cached job " + getId() + " has started (its " + executions.total()
                    + " executions are made); aiModels and executionCount change only before it starts");
        }
        if (target != null && target != status) {
            if (!status.userTransitions().contains(target)) {
                throw ConflictException.of("Cached job " + getId() + " cannot move from " + status + " to " + target
                        + "; allowed from " + status + ": " + describe(status.userTransitions()));
            }
            status = target;
        }
        if (newModels != null) {
            aiModels = newModels.models().toArray(String[]::new);
            providerKeys = newModels.providerKeys().toArray(String[]::new);
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
                restricted,
                executions.total(),
                executions.pending(),
                executions.running(),
                executions.retrying(),
                executions.success(),
                executions.failed(),
                outcome,
                costMicros);
    }
}
