package io.cachedjobs.organisation;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface OrganisationRepository extends JpaRepository<Organisation, UUID> {

    boolean existsBySlug(String slug);
}
