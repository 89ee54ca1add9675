package io.cachedjobs.project;

import io.cachedjobs.tenancy.ProjectScope;
import java.time.Instant;
import java.util.UUID;

/**
 * A project whose recurrence is due: the run it was scheduled for, locked for the caller's
 * transaction.
 *
 * @param scheduledFor the project's {@code nextRunAt} when it was claimed (at or before now)
 */
public record DueRun(UUID projectId, UUID organisationId, Instant scheduledFor) {

    public ProjectScope scope() {
        return new ProjectScope(organisationId, projectId);
    }
}
