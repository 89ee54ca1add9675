package io.cachedjobs.project;

import io.cachedjobs.common.NotFoundException;
import io.cachedjobs.organisation.OrganisationService;
import io.cachedjobs.web.OrganisationScope;
import io.cachedjobs.web.ProjectScope;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class ProjectService {

    private final ProjectRepository projects;
    private final OrganisationService organisations;

    ProjectService(ProjectRepository projects, OrganisationService organisations) {
        this.projects = projects;
        this.organisations = organisations;
    }

    @Transactional
    public ProjectResponse create(OrganisationScope scope, CreateProjectRequest request) {
        organisations.requireExists(scope.organisationId());
        Project project = new Project(
                scope.organisationId(),
                request.name().trim(),
                blankToNull(request.website()),
                blankToNull(request.industry()),
                blankToNull(request.description()));
        return projects.save(project).toResponse();
    }

    public ProjectResponse get(OrganisationScope scope, UUID id) {
        organisations.requireExists(scope.organisationId());
        return projects.findByIdAndOrganisationId(id, scope.organisationId())
                .map(Project::toResponse)
                .orElseThrow(() -> NotFoundException.of("Project", id));
    }

    /**
     * Fails with 404 unless the organisation exists and holds the project. A project of another
     * organisation gets the same answer as one that does not exist.
     */
    public void requireInScope(ProjectScope scope) {
        if (!projects.existsByIdAndOrganisationId(scope.projectId(), scope.organisationId())) {
            organisations.requireExists(scope.organisationId());
            throw NotFoundException.of("Project", scope.projectId(), "x-project-id");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
