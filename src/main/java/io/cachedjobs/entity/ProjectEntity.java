package io.cachedjobs.entity;

import io.cachedjobs.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A name a project tracks in its answers: the row of {@code entities}. */
@Entity
@Table(name = "entities")
class ProjectEntity extends BaseEntity {

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(nullable = false)
    private String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private List<String> aliases;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private List<String> domains;

    @Column(nullable = false)
    private EntityType type;

    @Column(name = "is_owned", nullable = false)
    private boolean owned;

    @Column(name = "is_primary", nullable = false)
    private boolean primary;

    @Column(name = "is_competitor", nullable = false)
    private boolean competitor;

    @Column(name = "case_sensitive", nullable = false)
    private boolean caseSensitive;

    @Column(name = "accent_sensitive", nullable = false)
    private boolean accentSensitive;

    @Column(name = "set_version", nullable = false)
    private long setVersion;

    protected ProjectEntity() {}

    ProjectEntity(UUID projectId, EntityFields fields, long setVersion) {
        this.projectId = projectId;
        set(fields, setVersion);
    }

    EntityFields fields() {
        return new EntityFields(
                name, aliases, domains, type, owned, primary, competitor, caseSensitive, accentSensitive);
    }

    /** Every field at once: the service has merged a PATCH into the stored fields and checked them. */
    void set(EntityFields fields, long setVersion) {
        this.name = fields.name();
        this.aliases = List.copyOf(fields.aliases());
        this.domains = List.copyOf(fields.domains());
        this.type = fields.type();
        this.owned = fields.owned();
        this.primary = fields.primary();
        this.competitor = fields.competitor();
        this.caseSensitive = fields.caseSensitive();
        this.accentSensitive = fields.accentSensitive();
        this.setVersion = setVersion;
    }

    UUID projectId() {
        return projectId;
    }

    EntityResponse toResponse() {
        return new EntityResponse(
                getId(),
                projectId,
                name,
                aliases,
                domains,
                type,
                owned,
                primary,
                competitor,
                caseSensitive,
                accentSensitive,
                setVersion,
                getCreatedAt(),
                getUpdatedAt());
    }
}
