package io.cachedjobs.project;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
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

    /**
     * The project whose run is the most overdue at {@code now}, locked; one locked by another
     * transaction (a run on another instance, a PATCH) is skipped, not waited for.
     */
    @Query(
            value = "select * from projects where next_run_at <= :now order by next_run_at, id limit 1 "
                    + "for update skip locked",
            nativeQuery = true)
    Optional<Project> lockNextDue(Instant now);

    /**
     * Projects with an active recurrence but no next run: made before next runs were stored, or by an
     * instance of a version that did not store them. Locked, those locked elsewhere skipped.
     */
    @Query(
            value = "select * from projects where next_run_at is null and recurrence_status = 'active' "
                    + "and recurrence <> 'manual' order by id limit :limit for update skip locked",
            nativeQuery = true)
    List<Project> lockUnscheduled(int limit);

    /** The project, locked, if its next run is still {@code scheduledFor} and no other transaction holds it. */
    @Query(
            value = "select * from projects where id = :id and next_run_at = :scheduledFor for update skip locked",
            nativeQuery = true)
    Optional<Project> lockIfDueAt(UUID id, Instant scheduledFor);
}
