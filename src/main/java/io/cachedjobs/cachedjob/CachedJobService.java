package io.cachedjobs.cachedjob;

import io.cachedjobs.common.Times;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.paging.SortOrder;
import io.cachedjobs.problem.ConflictException;
import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.project.ProjectDeletionRequested;
import io.cachedjobs.project.ProjectService;
import io.cachedjobs.project.ProjectSettings;
import io.cachedjobs.provider.ProviderCatalogue;
import io.cachedjobs.query.QueryService;
import io.cachedjobs.query.QuerySnapshot;
import io.cachedjobs.tag.TagService;
import io.cachedjobs.tenancy.ProjectScope;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class CachedJobService {

    static final int MAX_BATCH = 1000;
    private static final Map<String, String> SORT_FIELDS =
            Map.of("createdAt", "createdAt", "updatedAt", "updatedAt", "status", "status");

    private final CachedJobRepository jobs;
    private final CachedJobFastPaths fastPaths;
    private final TriggerInsert triggerInsert;
    private final ProjectService projects;
    private final QueryService queries;
    private final TagService tags;
    private final ProviderCatalogue catalogue;
    private final ApplicationEventPublisher events;

    private final MeterRegistry meters;
    private final Timer triggerTimer;
    private final DistributionSummary triggeredJobs;
    private final Timer listTimer;

    CachedJobService(
            CachedJobRepository jobs,
            CachedJobFastPaths fastPaths,
            TriggerInsert triggerInsert,
            ProjectService projects,
            QueryService queries,
            TagService tags,
            ProviderCatalogue catalogue,
            ApplicationEventPublisher events,
            MeterRegistry meters) {
        this.jobs = jobs;
        this.fastPaths = fastPaths;
        this.triggerInsert = triggerInsert;
        this.projects = projects;
        this.queries = queries;
        this.tags = tags;
        this.catalogue = catalogue;
        this.events = events;
        this.meters = meters;
        this.triggerTimer = Timer.builder("cachedjobs.trigger")
                .description("Triggers: their checks and the write of their jobs (not the commit, nor the answer)")
                .register(meters);
        this.triggeredJobs = DistributionSummary.builder("cachedjobs.trigger.jobs")
                .description("Jobs written by each trigger")
                .baseUnit("jobs")
                .register(meters);
        this.listTimer = Timer.builder("cachedjobs.list")
                .description("Pages of POST /api/cached-jobs/list: the page and its total")
                .register(meters);
    }

    /**
     * One new pending job per query of the project (narrowed to {@code tagIds} and {@code queryIds}
     * where given), in the order the queries were created, asking the request's models and run count or, where the request
     * leaves them out, the project's. The jobs are written in one statement (all or nothing), which
     * returns the first chunk of them; the answer reads the others back after the commit. Publishes
     * {@link CachedJobsTriggered} in the write's transaction.
     */
    @Transactional
    public TriggeredJobs trigger(ProjectScope scope, TriggerRequest request) {
        return TriggeredJobs.written(write(scope, request).written(), fastPaths::readInOrder);
    }

    /**
     * A project's recurrence ran: the trigger of {@code POST /api/cached-jobs/trigger} with {@code
     * {}}, one new pending job per live query with the project's own {@code llmProviders} and {@code
     * executionCount}, written and published the same way; nothing is read back.
     *
     * @return the trigger's run id (every new job's {@code run_id}) and how many jobs it wrote (none
     *     for a project without queries)
     * @throws io.cachedjobs.problem.NotFoundException when the project is not the organisation's
     */
    @Transactional
    public TriggeredRun triggerOnSchedule(ProjectScope scope) {
        Run run = write(scope, TriggerRequest.EVERY_QUERY);
        return new TriggeredRun(run.runId(), run.written().ids().size());
    }

    /** What {@link #triggerOnSchedule} wrote: the run id its jobs carry, and their number. */
    public record TriggeredRun(UUID runId, int jobs) {}

    private record Run(UUID runId, TriggerInsert.Written written) {}

    /** The trigger's checks and write, shared by the API's trigger and the recurrence's. */
    private Run write(ProjectScope scope, TriggerRequest request) {
        Timer.Sample started = Timer.start(meters);
        boolean usesSettings = request.aiModels() == null || request.executionCount() == null;
        boolean narrowed = request.tagIds() != null || request.queryIds() != null;
        // The scope is checked first (404), then the narrowing (400, 404); a trigger that needs
        // neither has its scope checked by the write itself, which writes nothing out of it.
        ProjectSettings settings = usesSettings ? projects.settingsOf(scope) : null;
        if (narrowed && settings == null) {
            projects.requireInScope(scope);
        }
        if (request.tagIds() != null) {
            tags.requireInProject(scope.projectId(), request.tagIds(), "tagIds");
        }
        if (request.queryIds() != null) {
            queries.requireInProject(scope.projectId(), request.queryIds(), index -> "queryIds[" + index + "]");
        }
        ProviderCatalogue.Selection models =
                catalogue.modelsFor(request.aiModels() != null ? request.aiModels() : settings.llmProviders());
        int executionCount = request.executionCount() != null ? request.executionCount() : settings.executionCount();
        UUID runId = UuidV7.next();
        TriggerInsert.Written written = triggerInsert.insert(new TriggerInsert.NewJobs(
                runId,
                scope.organisationId(),
                scope.projectId(),
                request.queryIds(),
                request.tagIds(),
                models,
                executionCount,
                Times.now()));
        if (written.ids().isEmpty() && !usesSettings && !narrowed) {
            projects.requireInScope(scope);
        }
        events.publishEvent(new CachedJobsTriggered(
                scope.organisationId(), scope.projectId(), runId, written.ids().size()));
        started.stop(triggerTimer);
        triggeredJobs.record(written.ids().size());
        return new Run(runId, written);
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
        List<CachedJob> created = items.stream()
                .map(item -> CachedJob.pending(
                        scope.projectId(),
                        found.get(item.queryId()),
                        catalogue.modelsFor(item.aiModels()),
                        item.executionCount(),
                        now))
                .toList();
        fastPaths.insertAll(created);
        return created.stream().map(CachedJob::toResponse).toList();
    }

    /** One statement, so no transaction; only a miss asks why (project or job not found). */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public CachedJobResponse get(ProjectScope scope, UUID id) {
        return fastPaths
                .findInScope(id, scope.projectId(), scope.organisationId())
                .map(CachedJob::toResponse)
                .orElseThrow(() -> {
                    projects.requireInScope(scope);
                    return NotFoundException.of("Cached job", id);
                });
    }

    public PageResponse<CachedJobResponse> list(ProjectScope scope, CachedJobListRequest request, PageParams page) {
        projects.requireInScope(scope);
        CachedJobListRequest filters = request == null ? CachedJobListRequest.NONE : request;
        catalogue.requireKnownModels(filters.aiModels(), "aiModels");
        Sort sort = SortOrder.toSort(filters.sort(), SORT_FIELDS, Sort.by("createdAt"));
        Specification<CachedJob> specification = CachedJobFilter.of(scope.projectId(), filters);
        return listTimer.record(() -> PageResponse.fetchCounted(
                page,
                sort,
                pageable -> fastPaths.findPage(specification, pageable),
                () -> fastPaths.countMatching(specification),
                CachedJob::toResponse));
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

    /** A project whose jobs are running cannot be deleted: the runs would lose their job. */
    @EventListener
    void refuseWhileRunning(ProjectDeletionRequested deleting) {
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
}
