package io.cachedjobs.analysis;

import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.tenancy.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/analysis")
@Tag(name = "Analysis", description = "What the answers say of the project's entities")
class AnalysisController {

    private final AnalysisService analysis;

    AnalysisController(AnalysisService analysis) {
        this.analysis = analysis;
    }

    @GetMapping("/status")
    @Access(Right.VIEWER)
    @Operation(
            summary = "How far the project's answers are derived",
            description = "A change to the project's entities raises entitiesVersion (each entity answers the "
                    + "version its last change made); its answers are then derived again in the background. "
                    + "They all are once pendingAnswers is 0 (upToDate) at an entitiesVersion at least that one.")
    AnalysisStatus status(ProjectScope scope) {
        return analysis.status(scope);
    }
}
