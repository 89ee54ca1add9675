package io.cachedjobs.tag;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface TagRepository extends JpaRepository<ProjectTag, Long> {

    Optional<ProjectTag> findByIdAndProjectId(long id, UUID projectId);

    /**
     * For updates and deletes: a concurrent update or delete of the same row waits for this
     * transaction, then sees its result (or no row), instead of overwriting it or failing on it.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from ProjectTag t where t.id = :id and t.projectId = :projectId")
    Optional<ProjectTag> lockByIdAndProjectId(long id, UUID projectId);

    Optional<ProjectTag> findByProjectIdAndName(UUID projectId, String name);

    Page<ProjectTag> findByProjectId(UUID projectId, Pageable pageable);

    long countByProjectId(UUID projectId);

    List<ProjectTag> findByProjectIdAndIdIn(UUID projectId, Collection<Long> ids);

    List<ProjectTag> findByProjectIdAndNameIn(UUID projectId, Collection<String> names);
}
