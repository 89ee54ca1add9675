package io.cachedjobs.cachedjob;

import io.cachedjobs.common.ConflictException;
import io.cachedjobs.common.FieldProblem;
import io.cachedjobs.common.InvalidRequestException;
import io.cachedjobs.common.NotFoundException;
import io.cachedjobs.common.Times;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.project.ProjectDeleting;
import io.cachedjobs.project.ProjectService;
import io.cachedjobs.project.ProjectSettings;
import io.cachedjobs.provider.ProviderCatalogue;
import io.cachedjobs.query.QueryService;
import io.cachedjobs.query.QuerySnapshot;
import io.cachedjobs.web.PageParams;
import io.cachedjobs.web.PageResponse;
import io.cachedjobs.web.ProjectScope;
import io.cachedjobs.web.SortOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class CachedJobService {

    static final int MAX_BATCH = 1000;
    private static final Map<String, String> SORT_FIELDS =
            Map.of("createdAt", "createdAt", "updatedAt", "updatedAt", "status", "status");

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

    /**
     * One new pending job per query of the project (narrowed to {@code tagIds} and {@code queryIds}
     * where given), in the order the queries were created, asking the request's models and run count or, where the request
     * leaves them out, the project's.
     */
    @Transactional
    public List<CachedJobResponse> trigger(ProjectScope scope, TriggerRequest request) {
        ProjectSettings settings = projects.settingsOf(scope);
        List<String> models =
                catalogue.modelsFor(request.aiModels() != null ? request.aiModels() : settings.llmProviders());
        int executionCount = request.executionCount() != null ? request.executionCount() : settings.executionCount();
        Instant now = Times.now();
        List<CachedJobResponse> created = targets(scope.projectId(), request).stream()
                .map(query -> newJob(scope, query, models, executionCount, now))
                .toList();
        jobs.insertAll(created);
        return created;
    }

    private List<QuerySnapshot> targets(UUID projectId, TriggerRequest request) {
        List<QuerySnapshot> candidates;
        if (request.tagIds() == null) {
            candidates = queries.snapshotsOf(projectId);
        } else {
            queries.requireTagsInProject(projectId, request.tagIds(), "tagIds");
            candidates = queries.snapshotsOf(projectId, request.tagIds());
        }
        if (request.queryIds() == null) {
            return candidates;
        }
        Set<UUID> wanted = queries.requireInProject(projectId, request.queryIds(), index -> "queryIds[" + index + "]")
                .keySet();
        return candidates.stream().filter(query -> wanted.contains(query.id())).toList();
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
        return find(scope, id).toResponse();
    }

    public PageResponse<CachedJobResponse> list(ProjectScope scope, CachedJobListRequest request, PageParams page) {
        projects.requireInScope(scope);
        CachedJobListRequest filters = request == null ? CachedJobListRequest.NONE : request;
        requireKnownModels(filters.aiModels());
        Sort sort = SortOrder.toSort(filters.sort(), SORT_FIELDS, Sort.by("createdAt"));
        Specification<CachedJob> specification = CachedJobFilter.of(scope.projectId(), filters);
        return PageResponse.fetchEach(
                page,
                sort,
                pageable -> jobs.findAll(specification, pageable),
                () -> jobs.count(specification),
                CachedJob::toResponse);
    }

    @Transactional
    public CachedJobResponse update(ProjectScope scope, UUID id, UpdateCachedJobRequest request) {
        CachedJob job = lock(scope, id);
        job.update(
                request.aiModels() == null ? null : catalogue.modelsFor(request.aiModels()),
                request.executionCount(),
                request.restricted(),
                request.status());
        return jobs.saveAndFlush(job).toResponse();
    }

    @Transactional
    public void delete(ProjectScope scope, UUID id) {
        CachedJob job = lock(scope, id);
        if (job.status() == CachedJobStatus.ACTIVE) {
            throw ConflictException.of("Cached job " + id + " is active and cannot be deleted; pause it first");
        }
        jobs.delete(job);
    }

    /** A filter on a model no key stands for is a mistake (a key instead of a model, a typo): 400. */
    private void requireKnownModels(List<String> names) {
        if (names == null) {
            return;
        }
        Set<String> known = catalogue.models();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names.get(i))) {
                problems.add(new FieldProblem("aiModels[" + i + "]", "must be one of: " + String.join(", ", known)));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
    }

    /** A project whose jobs are running cannot be deleted: the runs would lose their job. */
    @EventListener
    void refuseWhileRunning(ProjectDeleting deleting) {
        if (jobs.existsByProjectIdAndStatus(deleting.projectId(), CachedJobStatus.ACTIVE)) {
            throw ConflictException.of("Project " + deleting.projectId()
                    + " has active cached jobs and cannot be deleted; pause them first");
        }
    }

    private CachedJob lock(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        return jobs.lockByIdAndProjectId(id, scope.projectId())
                .orElseThrow(() -> NotFoundException.of("Cached job", id));
    }

    private CachedJob find(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        return jobs.findByIdAndProjectId(id, scope.projectId())
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
