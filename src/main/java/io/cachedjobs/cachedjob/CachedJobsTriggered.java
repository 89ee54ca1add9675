package io.cachedjobs.cachedjob;

import java.util.UUID;

/**
 * A trigger wrote its jobs: {@code jobs} new pending jobs of the project, all marked with {@code
 * runId}. Published inside the write's transaction, so that a listener's own writes commit, or roll
 * back, with the jobs.
 */
public record CachedJobsTriggered(UUID organisationId, UUID projectId, UUID runId, int jobs) {}
