package io.cachedjobs.tenancy;

import java.util.UUID;

/** The organisation a call acts in, from the {@code x-organisation-id} header. */
public record OrganisationScope(UUID organisationId) {}
