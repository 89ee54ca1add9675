package io.cachedjobs.organisation;

import io.cachedjobs.common.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "organisations")
class Organisation extends BaseEntity {

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, unique = true)
    private String slug;

    protected Organisation() {}

    Organisation(String name, String slug) {
        this.name = name;
        this.slug = slug;
    }

    OrganisationResponse toResponse() {
        return new OrganisationResponse(getId(), name, slug, getCreatedAt(), getUpdatedAt());
    }
}
