package io.cachedjobs.project;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ProjectRepository extends JpaRepository<Project, UUID> {

    Optional<Project> findByIdAndOrganisationId(UUID id, UUID organisationId);

    boolean existsByIdAndOrganisationId(UUID id, UUID organisationId);
}
