package io.cachedjobs.tag;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface TagRepository extends JpaRepository<ProjectTag, Long> {

    Optional<ProjectTag> findByIdAndProjectId(long id, UUID projectId);

    Optional<ProjectTag> findByProjectIdAndName(UUID projectId, String name);

    Page<ProjectTag> findByProjectId(UUID projectId, Pageable pageable);

    long countByProjectId(UUID projectId);

    List<ProjectTag> findByProjectIdAndIdIn(UUID projectId, Collection<Long> ids);

    List<ProjectTag> findByProjectIdAndNameIn(UUID projectId, Collection<String> names);
}
