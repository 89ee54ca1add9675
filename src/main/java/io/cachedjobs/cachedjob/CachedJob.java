package io.cachedjobs.cachedjob;

import io.cachedjobs.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
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
    private List<String> aiModels;

    @Column(name = "execution_count", nullable = false)
    private int executionCount;

    @Column(nullable = false)
    private CachedJobStatus status;

    @Column(nullable = false)
    private boolean restricted;

    protected CachedJob() {}

    CachedJobResponse toResponse() {
        return new CachedJobResponse(
                getId(),
                projectId,
                queryId,
                queryText,
                List.copyOf(aiModels),
                executionCount,
                language,
                country,
                status,
                getUpdatedAt(),
                getCreatedAt(),
                restricted);
    }
}
