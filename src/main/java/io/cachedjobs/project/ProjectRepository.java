package io.cachedjobs.project;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ProjectRepository extends JpaRepository<Project, UUID> {

    Optional<Project> findByIdAndOrganisationId(UUID id, UUID organisationId);

    /**
     * For updates and deletes: a concurrent update or delete of the same project waits for this
     * transaction, then sees its result (or no row), instead of failing on a stale row.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Project p where p.id = :id and p.organisationId = :organisationId")
    Optional<Project> lockByIdAndOrganisationId(UUID id, UUID organisationId);

    boolean existsByIdAndOrganisationId(UUID id, UUID organisationId);

    Page<Project> findByOrganisationId(UUID organisationId, Pageable pageable);

    long countByOrganisationId(UUID organisationId);
}
