package io.cachedjobs.cachedjob;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** The jobs as entities; the hot paths in plain SQL are {@link CachedJobFastPaths}. */
interface CachedJobRepository extends JpaRepository<CachedJob, UUID>, JpaSpecificationExecutor<CachedJob> {

    /**
     * For updates and deletes: a concurrent update or delete of the same job waits for this
     * transaction, then sees its result (or no row), instead of overwriting it or failing on it.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select j from CachedJob j where j.id = :id and j.projectId = :projectId")
    Optional<CachedJob> lockByIdAndProjectId(UUID id, UUID projectId);

    boolean existsByProjectIdAndStatus(UUID projectId, CachedJobStatus status);
}
