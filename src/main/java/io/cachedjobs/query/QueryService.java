package io.cachedjobs.query;

import io.cachedjobs.common.FieldProblem;
import io.cachedjobs.common.NotFoundException;
import io.cachedjobs.project.ProjectService;
import io.cachedjobs.web.ProjectScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class QueryService {

    static final int MAX_BATCH = 1000;

    private final QueryRepository queries;
    private final ProjectService projects;

    QueryService(QueryRepository queries, ProjectService projects) {
        this.queries = queries;
        this.projects = projects;
    }

    @Transactional
    public QueryResponse create(ProjectScope scope, CreateQueryRequest request) {
        projects.requireInScope(scope);
        return queries.save(new ProjectQuery(scope.projectId(), request)).toResponse();
    }

    /** All or nothing: the batch is validated before this runs, and written in one transaction. */
    @Transactional
    public List<QueryResponse> createMany(ProjectScope scope, CreateQueriesRequest request) {
        projects.requireInScope(scope);
        List<ProjectQuery> created = request.queries().stream()
                .map(query -> new ProjectQuery(scope.projectId(), query))
                .toList();
        return queries.saveAll(created).stream().map(ProjectQuery::toResponse).toList();
    }

    public QueryResponse get(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        return queries.findByIdAndProjectId(id, scope.projectId())
                .map(ProjectQuery::toResponse)
                .orElseThrow(() -> NotFoundException.of("Query", id));
    }

    /** Every query of the project, in the order they were created. */
    public List<QuerySnapshot> snapshotsOf(UUID projectId) {
        return queries.snapshotsOf(projectId);
    }

    /**
     * The named queries of the project, by id; 404 naming each that is not in the project.
     *
     * @param field how the request names the id at each position, e.g. {@code i -> "cachedJobs[" + i + "].queryId"}
     */
    public Map<UUID, QuerySnapshot> requireInProject(UUID projectId, List<UUID> ids, Function<Integer, String> field) {
        Collection<UUID> distinct = new LinkedHashSet<>(ids);
        Map<UUID, QuerySnapshot> found = queries.snapshotsOf(projectId, distinct).stream()
                .collect(Collectors.toMap(QuerySnapshot::id, Function.identity()));
        List<FieldProblem> missing = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!found.containsKey(ids.get(i))) {
                missing.add(new FieldProblem(field.apply(i), "query " + ids.get(i) + " was not found in the project"));
            }
        }
        if (!missing.isEmpty()) {
            throw NotFoundException.all("queries", missing);
        }
        return found;
    }
}
