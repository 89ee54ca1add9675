package io.cachedjobs.cachedjob;

import io.cachedjobs.common.NotFoundException;
import io.cachedjobs.common.Times;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.project.ProjectService;
import io.cachedjobs.provider.ProviderCatalogue;
import io.cachedjobs.query.QueryService;
import io.cachedjobs.query.QuerySnapshot;
import io.cachedjobs.web.ProjectScope;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class CachedJobService {

    static final int MAX_BATCH = 1000;

    private final CachedJobRepository jobs;
    private final ProjectService projects;
    private final QueryService queries;
    private final ProviderCatalogue catalogue;

    CachedJobService(
            CachedJobRepository jobs, ProjectService projects, QueryService queries, ProviderCatalogue catalogue) {
        this.jobs = jobs;
        this.projects = projects;
        this.queries = queries;
        this.catalogue = catalogue;
    }

    /** One new pending job per query of the project, in the order the queries were created. */
    @Transactional
    public List<CachedJobResponse> trigger(ProjectScope scope, TriggerRequest request) {
        projects.requireInScope(scope);
        List<String> models = catalogue.modelsFor(request.aiModels());
        Instant now = Times.now();
        List<CachedJobResponse> created = queries.snapshotsOf(scope.projectId()).stream()
                .map(query -> newJob(scope, query, models, request.executionCount(), now))
                .toList();
        jobs.insertAll(created);
        return created;
    }

    /** One new pending job per entry, in the request's order; all or nothing. */
    @Transactional
    public List<CachedJobResponse> createMany(ProjectScope scope, CreateCachedJobsRequest request) {
        projects.requireInScope(scope);
        List<CreateCachedJobsRequest.Item> items = request.cachedJobs();
        Map<UUID, QuerySnapshot> found = queries.requireInProject(
                scope.projectId(),
                items.stream().map(CreateCachedJobsRequest.Item::queryId).toList(),
                index -> "cachedJobs[" + index + "].queryId");
        Instant now = Times.now();
        List<CachedJobResponse> created = items.stream()
                .map(item -> newJob(
                        scope,
                        found.get(item.queryId()),
                        catalogue.modelsFor(item.aiModels()),
                        item.executionCount(),
                        now))
                .toList();
        jobs.insertAll(created);
        return created;
    }

    public CachedJobResponse get(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        return jobs.findByIdAndProjectId(id, scope.projectId())
                .map(CachedJob::toResponse)
                .orElseThrow(() -> NotFoundException.of("Cached job", id));
    }

    private static CachedJobResponse newJob(
            ProjectScope scope, QuerySnapshot query, List<String> models, int executionCount, Instant now) {
        return new CachedJobResponse(
                UuidV7.next(),
                scope.projectId(),
                query.id(),
                query.query(),
                models,
                executionCount,
                query.language(),
                query.country(),
                CachedJobStatus.PENDING,
                now,
                now,
                false);
    }
}
