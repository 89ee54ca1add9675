package io.cachedjobs.analysis;

import io.cachedjobs.project.ProjectService;
import io.cachedjobs.tenancy.ProjectScope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class AnalysisService {

    private final AnswerRows rows;
    private final ProjectService projects;

    AnalysisService(AnswerRows rows, ProjectService projects) {
        this.rows = rows;
        this.projects = projects;
    }

    /** The project's entity version and how many of its answers are still to derive with it. */
    public AnalysisStatus status(ProjectScope scope) {
        projects.requireInScope(scope);
        long version = rows.currentVersion(scope.projectId());
        long[] counts = rows.counts(scope.projectId(), version);
        return new AnalysisStatus(version, Extraction.ALGORITHM_VERSION, counts[0], counts[1], counts[1] == 0);
    }
}
