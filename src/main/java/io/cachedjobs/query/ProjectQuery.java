package io.cachedjobs.query;

import io.cachedjobs.common.BaseEntity;
import io.cachedjobs.common.Times;
import io.cachedjobs.tag.TagResponse;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.BatchSize;

@Entity
@Table(name = "queries")
class ProjectQuery extends BaseEntity {

    private static final Comparator<TagResponse> BY_NAME =
            Comparator.comparing(TagResponse::name).thenComparingLong(TagResponse::id);

    @Column(name = "project_id", nullable = false, updatable = false)
    private UUID projectId;

    @Column(name = "query_text", nullable = false)
    private String text;

    @Column(nullable = false)
    private String language;

    @Column(nullable = false)
    private String country;

    /**
     * Ids only: tags belong to the tag feature. A page of queries loads the tag ids of all its
     * queries in one select (the batch size covers the largest page).
     */
    @ElementCollection
    @CollectionTable(name = "query_tags", joinColumns = @JoinColumn(name = "query_id"))
    @Column(name = "tag_id", nullable = false)
    @BatchSize(size = QueryService.MAX_PAGE)
    private Set<Long> tagIds = new HashSet<>();

    /** Set when deleted: the row stays because cached jobs made from the query refer to it. */
    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected ProjectQuery() {}

    ProjectQuery(UUID projectId, QueryKey key, Set<Long> tagIds) {
        this.projectId = projectId;
        this.text = key.text();
        this.language = key.language();
        this.country = key.country();
        this.tagIds = new HashSet<>(tagIds);
    }

    QueryKey key() {
        return new QueryKey(text, language, country);
    }

    Set<Long> tagIds() {
        return Set.copyOf(tagIds);
    }

    /** @param tagIds the new set of tags, or null to keep them */
    void update(QueryKey key, Set<Long> tagIds) {
        this.text = key.text();
        this.language = key.language();
        this.country = key.country();
        if (tagIds != null && !Objects.equals(this.tagIds, tagIds)) {
            this.tagIds.clear();
            this.tagIds.addAll(tagIds);
            touch();
        }
    }

    void markDeleted() {
        deletedAt = Times.now();
    }

    /** @param tags the project's tags by id; must hold every tag of this query */
    QueryResponse toResponse(Map<Long, TagResponse> tags) {
        return new QueryResponse(
                getId(),
                projectId,
                text,
                language,
                country,
                tagIds.stream()
                        .map(tags::get)
                        .filter(Objects::nonNull)
                        .sorted(BY_NAME)
                        .map(tag -> new QueryTag(tag.id(), tag.name(), tag.color()))
                        .toList(),
                getCreatedAt(),
                getUpdatedAt());
    }
}
