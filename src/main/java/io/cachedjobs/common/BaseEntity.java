package io.cachedjobs.common;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * Id and timestamps of every entity. Ids are made here (UUID v7), so Spring Data cannot tell a new
 * entity by a null id: {@link Persistable} says so instead, and a save is an insert without a
 * select before it.
 */
@MappedSuperclass
public abstract class BaseEntity implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Transient
    private boolean isNew = true;

    /** For JPA, and for new entities it persists: the id and times are made at the insert. */
    protected BaseEntity() {}

    /**
     * A row read or written by plain SQL rather than by JPA, with its id and times as they are in
     * the table. Not new: JPA did not persist it and must never insert it.
     */
    protected BaseEntity(UUID id, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.isNew = false;
    }

    @PrePersist
    void beforeInsert() {
        if (id == null) {
            id = UuidV7.next();
        }
        createdAt = Times.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void beforeUpdate() {
        updatedAt = Times.now();
    }

    /**
     * Marks the entity changed when only a collection of it changed: Hibernate does not update the
     * owner's row for that, so {@link #beforeUpdate()} would not run.
     */
    protected void touch() {
        updatedAt = Times.now();
    }

    @PostLoad
    @PostPersist
    void markNotNew() {
        isNew = false;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
