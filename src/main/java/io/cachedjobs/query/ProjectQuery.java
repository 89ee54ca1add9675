package io.cachedjobs.query;

import io.cachedjobs.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Entity
@Table(name = "queries")
class ProjectQuery extends BaseEntity {

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(name = "query_text", nullable = false)
    private String text;

    @Column(nullable = false)
    private String language;

    @Column(nullable = false)
    private String country;

    protected ProjectQuery() {}

    ProjectQuery(UUID projectId, CreateQueryRequest request) {
        this.projectId = projectId;
        this.text = request.query().trim();
        this.language = request.language().trim().toLowerCase(Locale.ROOT);
        this.country = request.country().trim().toUpperCase(Locale.ROOT);
    }

    QueryResponse toResponse() {
        return new QueryResponse(
                getId(), projectId, text, language, country, List.of(), getCreatedAt(), getUpdatedAt());
    }
}
