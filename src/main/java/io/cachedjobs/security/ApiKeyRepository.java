package io.cachedjobs.security;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    Page<ApiKey> findByOrganisationId(UUID organisationId, Pageable pageable);

    long countByOrganisationId(UUID organisationId);

    Optional<ApiKey> findByIdAndOrganisationId(UUID id, UUID organisationId);

    /**
     * Every key of the organisation, locked: two admins revoking each other's key at once are
     * serialised, so that one admin key always stays.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select k from ApiKey k where k.organisationId = :organisationId order by k.id")
    List<ApiKey> lockAllOf(UUID organisationId);
}
