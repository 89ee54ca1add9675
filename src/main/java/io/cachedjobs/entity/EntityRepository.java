package io.cachedjobs.entity;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface EntityRepository extends JpaRepository<ProjectEntity, UUID>, JpaSpecificationExecutor<ProjectEntity> {

    Optional<ProjectEntity> findByIdAndProjectId(UUID id, UUID projectId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from ProjectEntity e where e.id = :id and e.projectId = :projectId")
    Optional<ProjectEntity> lockByIdAndProjectId(UUID id, UUID projectId);

    List<ProjectEntity> findByProjectId(UUID projectId);

    long countByProjectId(UUID projectId);
}
