package io.cachedjobs.query;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Every read here skips deleted queries: only the cached jobs made from them still refer to them. */
interface QueryRepository extends JpaRepository<ProjectQuery, UUID>, JpaSpecificationExecutor<ProjectQuery> {

    Optional<ProjectQuery> findByIdAndProjectIdAndDeletedAtIsNull(UUID id, UUID projectId);

    /**
     * For updates and deletes: a concurrent update or delete of the same row waits for this
     * transaction, then sees its result (or no row), instead of overwriting it or failing on it.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select q from ProjectQuery q where q.id = :id and q.projectId = :projectId and q.deletedAt is null")
    Optional<ProjectQuery> lockLive(UUID id, UUID projectId);

    @Query("""
            select new io.cachedjobs.query.QuerySnapshot(q.id, q.text, q.language, q.country)
            from ProjectQuery q where q.projectId = :projectId and q.deletedAt is null and q.id in :ids""")
    List<QuerySnapshot> snapshotsOf(UUID projectId, Collection<UUID> ids);

    /** The candidates for duplicates of queries with these texts; language and country are compared by the caller. */
    @Query("""
            select new io.cachedjobs.query.QuerySnapshot(q.id, q.text, q.language, q.country)
            from ProjectQuery q where q.projectId = :projectId and q.deletedAt is null and q.text in :texts""")
    List<QuerySnapshot> snapshotsWithTexts(UUID projectId, Collection<String> texts);
}
