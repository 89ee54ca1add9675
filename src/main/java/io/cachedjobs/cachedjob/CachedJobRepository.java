package io.cachedjobs.cachedjob;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface CachedJobRepository
        extends JpaRepository<CachedJob, UUID>, JpaSpecificationExecutor<CachedJob>, CachedJobBatchWriter {

    Optional<CachedJob> findByIdAndProjectId(UUID id, UUID projectId);

    boolean existsByProjectIdAndStatus(UUID projectId, CachedJobStatus status);
}
