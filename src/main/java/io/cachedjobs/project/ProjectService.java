package io.cachedjobs.project;

import io.cachedjobs.common.Text;
import io.cachedjobs.organisation.OrganisationService;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.paging.SortOrder;
import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.provider.JobLimitsProperties;
import io.cachedjobs.provider.ProviderKey;
import io.cachedjobs.tenancy.OrganisationScope;
import io.cachedjobs.tenancy.ProjectScope;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class ProjectService {

    static final List<ProviderKey> DEFAULT_PROVIDERS =
            List.of(ProviderKey.OPENAI, ProviderKey.ANTHROPIC, ProviderKey.GOOGLE_GENERATIVE_AI);
    static final int DEFAULT_EXECUTION_COUNT = 3;
    private static final Sort BY_CREATION = SortOrder.toSort(List.of(), Map.of(), Sort.by("createdAt"));

    private final ProjectRepository projects;
    private final OrganisationService organisations;
    private final int defaultExecutionCount;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProjectService(
            ProjectRepository projects,
            OrganisationService organisations,
            JobLimitsProperties limits,
            ApplicationEventPublisher events,
            Clock clock) {
        this.projects = projects;
        this.organisations = organisations;
        this.events = events;
        this.clock = clock;
        // A maximum configured below the default lowers the default, so that it is always accepted.
        this.defaultExecutionCount = Math.min(DEFAULT_EXECUTION_COUNT, limits.maxExecutionCount());
    }

    @Transactional
    public ProjectResponse create(OrganisationScope scope, CreateProjectRequest request) {
        // Already validated (@RecurrenceRule, @TimeZoneId): parsing cannot fail here.
        Recurrence recurrence = parseIfGiven(request.recurrence(), Recurrence::parse);
        ZoneId zone = parseIfGiven(request.recurrenceTimezone(), Recurrence::timeZone);
        organisations.requireExists(scope.organisationId());
        Project project = new Project(
                scope.organisationId(),
                Text.clean(request.name()),
                blankToNull(request.website()),
                blankToNull(request.industry()),
                blankToNull(request.description()));
        project.schedule(
                recurrence == null ? Recurrence.parse(Recurrence.MANUAL) : recurrence,
                zone == null ? ZoneId.of(Recurrence.DEFAULT_TIME_ZONE) : zone,
                request.recurrenceStatus() == null ? RecurrenceStatus.ACTIVE : request.recurrenceStatus(),
                clock.instant());
        project.runWith(
                distinct(request.llmProviders() == null ? DEFAULT_PROVIDERS : request.llmProviders()),
                request.executionCount() == null ? defaultExecutionCount : request.executionCount());
        // Written now, so that the listeners of the event may refer to the row.
        ProjectResponse created = projects.saveAndFlush(project).toResponse();
        events.publishEvent(
                new ProjectCreated(created.id(), scope.organisationId(), created.name(), created.website()));
        return created;
    }

    public ProjectResponse get(OrganisationScope scope, UUID id) {
        organisations.requireExists(scope.organisationId());
        return projects.findByIdAndOrganisationId(id, scope.organisationId())
                .map(Project::toResponse)
                .orElseThrow(() -> NotFoundException.of("Project", id));
    }

    /** The organisation's projects, oldest first. */
    public PageResponse<ProjectResponse> list(OrganisationScope scope, PageParams params) {
        organisations.requireExists(scope.organisationId());
        return PageResponse.fetchEach(
                params,
                BY_CREATION,
                pageable -> projects.findByOrganisationId(scope.organisationId(), pageable),
                () -> projects.countByOrganisationId(scope.organisationId()),
                Project::toResponse);
    }

    /**
     * Changes the fields the request carries; null leaves a field unchanged, {@code ""} clears an
     * optional text. Everything is validated before the first change.
     */
    @Transactional
    public ProjectResponse update(OrganisationScope scope, UUID id, UpdateProjectRequest request) {
        // Already validated (@RecurrenceRule, @TimeZoneId): parsing cannot fail here.
        Recurrence recurrence = parseIfGiven(request.recurrence(), Recurrence::parse);
        ZoneId zone = parseIfGiven(request.recurrenceTimezone(), Recurrence::timeZone);
        organisations.requireExists(scope.organisationId());
        Project project = projects.lockByIdAndOrganisationId(id, scope.organisationId())
                .orElseThrow(() -> NotFoundException.of("Project", id));
        if (request.name() != null) {
            project.rename(Text.clean(request.name()));
        }
        if (request.website() != null || request.industry() != null || request.description() != null) {
            project.describe(
                    request.website() == null ? project.website() : blankToNull(request.website()),
                    request.industry() == null ? project.industry() : blankToNull(request.industry()),
                    request.description() == null ? project.description() : blankToNull(request.description()));
        }
        if (recurrence != null || zone != null || request.recurrenceStatus() != null) {
            project.schedule(
                    recurrence == null ? project.recurrence() : recurrence,
                    zone == null ? project.zone() : zone,
                    request.recurrenceStatus() == null ? project.recurrenceStatus() : request.recurrenceStatus(),
                    clock.instant());
        }
        if (request.llmProviders() != null || request.executionCount() != null) {
            project.runWith(
                    request.llmProviders() == null ? project.llmProviders() : distinct(request.llmProviders()),
                    request.executionCount() == null ? project.executionCount() : request.executionCount());
        }
        // Flushed here so that updatedAt in the answer is the one stored (unchanged if nothing was).
        return projects.saveAndFlush(project).toResponse();
    }

    /** Deletes the project; the database deletes its queries and cached jobs with it. */
    @Transactional
    public void delete(OrganisationScope scope, UUID id) {
        organisations.requireExists(scope.organisationId());
        Project project = projects.lockByIdAndOrganisationId(id, scope.organisationId())
                .orElseThrow(() -> NotFoundException.of("Project", id));
        events.publishEvent(new ProjectDeletionRequested(id));
        projects.delete(project);
    }

    /**
     * The providers and execution count a call uses when it leaves them out. Fails with 404 like
     * {@link #requireInScope}.
     */
    public ProjectSettings settingsOf(ProjectScope scope) {
        return projects.findByIdAndOrganisationId(scope.projectId(), scope.organisationId())
                .map(Project::settings)
                .orElseThrow(() -> notInScope(scope));
    }

    /**
     * Fails with 404 unless the organisation exists and holds the project. A project of another
     * organisation gets the same answer as one that does not exist.
     */
    public void requireInScope(ProjectScope scope) {
        if (!projects.existsByIdAndOrganisationId(scope.projectId(), scope.organisationId())) {
            throw notInScope(scope);
        }
    }

    private NotFoundException notInScope(ProjectScope scope) {
        organisations.requireExists(scope.organisationId());
        return NotFoundException.of("Project", scope.projectId(), "x-project-id");
    }

    private static <T> T parseIfGiven(String value, Function<String, T> parser) {
        return value == null ? null : parser.apply(value);
    }

    private static List<ProviderKey> distinct(List<ProviderKey> keys) {
        return List.copyOf(new LinkedHashSet<>(keys));
    }

    private static String blankToNull(String value) {
        String clean = Text.clean(value);
        return clean == null || clean.isEmpty() ? null : clean;
    }
}
