package io.cachedjobs.tenancy;

import java.util.UUID;

/** The project a call acts in, from the {@code x-organisation-id} and {@code x-project-id} headers. */
public record ProjectScope(UUID organisationId, UUID projectId) {}
