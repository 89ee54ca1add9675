package io.cachedjobs.cachedjob;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CachedJobRepository extends JpaRepository<CachedJob, UUID>, CachedJobBatchWriter {

    Optional<CachedJob> findByIdAndProjectId(UUID id, UUID projectId);
}
