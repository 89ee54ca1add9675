package io.cachedjobs.project;

import java.util.UUID;

/**
 * Published inside the transaction that deletes a project, before the delete. A feature that holds
 * rows of the project and must refuse the delete (409) throws from its listener; project itself
 * knows nothing of those features.
 */
public record ProjectDeleting(UUID projectId) {}
