package io.cachedjobs.tag;

import io.cachedjobs.common.Times;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Not a {@code BaseEntity}: tag ids are numbers the database makes, as the original API answers them. */
@Entity
@Table(name = "tags")
class ProjectTag {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(nullable = false)
    private String name;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(nullable = false, length = 7)
    private String color;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ProjectTag() {}

    ProjectTag(UUID projectId, String name, String color) {
        this.projectId = projectId;
        this.name = name;
        this.color = color;
    }

    @PrePersist
    void beforeInsert() {
        createdAt = Times.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void beforeUpdate() {
        updatedAt = Times.now();
    }

    Long getId() {
        return id;
    }

    String getName() {
        return name;
    }

    void rename(String name) {
        this.name = name;
    }

    void recolor(String color) {
        this.color = color;
    }

    TagResponse toResponse() {
        return new TagResponse(id, projectId, name, color, createdAt, updatedAt);
    }
}
