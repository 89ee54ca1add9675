package io.cachedjobs.project;

import io.cachedjobs.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

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

    protected Project() {}

    Project(UUID organisationId, String name, String website, String industry, String description) {
        this.organisationId = organisationId;
        this.name = name;
        this.website = website;
        this.industry = industry;
        this.description = description;
    }

    ProjectResponse toResponse() {
        return new ProjectResponse(
                getId(), organisationId, name, website, industry, description, getCreatedAt(), getUpdatedAt());
    }
}
