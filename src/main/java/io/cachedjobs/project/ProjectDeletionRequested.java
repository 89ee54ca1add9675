package io.cachedjobs.project;

import java.util.UUID;

/**
 * A project's deletion was requested: published inside the transaction that deletes it, before the
 * delete. A feature that holds rows of the project and must refuse the delete (409) throws from its
 * listener, which rolls the transaction back; project itself knows nothing of those features.
 */
public record ProjectDeletionRequested(UUID projectId) {}
