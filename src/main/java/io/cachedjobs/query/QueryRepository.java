package io.cachedjobs.query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface QueryRepository extends JpaRepository<ProjectQuery, UUID> {

    Optional<ProjectQuery> findByIdAndProjectId(UUID id, UUID projectId);

    @Query("""
            select new io.cachedjobs.query.QuerySnapshot(q.id, q.text, q.language, q.country)
            from ProjectQuery q where q.projectId = :projectId order by q.createdAt, q.id""")
    List<QuerySnapshot> snapshotsOf(UUID projectId);

    @Query("""
            select new io.cachedjobs.query.QuerySnapshot(q.id, q.text, q.language, q.country)
            from ProjectQuery q where q.projectId = :projectId and q.id in :ids""")
    List<QuerySnapshot> snapshotsOf(UUID projectId, Collection<UUID> ids);
}
