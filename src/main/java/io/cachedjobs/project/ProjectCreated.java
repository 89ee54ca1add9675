package io.cachedjobs.project;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A project was created: published inside the transaction that creates it, after its row is written,
 * so that a listener's writes referring to it commit, or roll back, with it (the project's primary
 * brand is made so). project itself knows nothing of those features.
 *
 * @param website as stored, or null
 */
public record ProjectCreated(
        UUID projectId,
        UUID organisationId,
        String name,
        @Nullable String website) {}
