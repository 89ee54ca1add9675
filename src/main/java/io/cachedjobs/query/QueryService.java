package io.cachedjobs.query;

import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.paging.SortOrder;
import io.cachedjobs.problem.ConflictException;
import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.project.ProjectService;
import io.cachedjobs.tag.TagResponse;
import io.cachedjobs.tag.TagService;
import io.cachedjobs.tenancy.ProjectScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class QueryService {

    static final int MAX_BATCH = 1000;
    static final int MAX_PAGE = 500;
    static final int MAX_TAGS = 100;

    /** API sort field -> entity property. */
    private static final Map<String, String> SORT_FIELDS = Map.of(
            "query", "text",
            "language", "language",
            "country", "country",
            "createdAt", "createdAt",
            "updatedAt", "updatedAt");

    private final QueryRepository queries;
    private final ProjectService projects;
    private final TagService tags;

    QueryService(QueryRepository queries, ProjectService projects, TagService tags) {
        this.queries = queries;
        this.projects = projects;
        this.tags = tags;
    }

    @Transactional
    public QueryResponse create(ProjectScope scope, CreateQueryRequest request) {
        projects.requireInScope(scope);
        Map<Long, TagResponse> tagsById = request.tagIds() == null
                ? Map.of()
                : tags.requireInProject(scope.projectId(), request.tagIds(), "tagIds");
        QueryKey key = QueryKey.of(request);
        UUID existing = liveDuplicates(scope.projectId(), List.of(key)).get(key);
        if (existing != null) {
            throw duplicate(existing);
        }
        ProjectQuery query = new ProjectQuery(scope.projectId(), key, distinct(request.tagIds()));
        return queries.saveAndFlush(query).toResponse(tagsById);
    }

    /**
     * All or nothing: a tag outside the project is a 400 and a duplicate (of a live query or of an
     * earlier entry) a 409, each entry named, before anything is written.
     */
    @Transactional
    public List<QueryResponse> createMany(ProjectScope scope, CreateQueriesRequest request) {
        projects.requireInScope(scope);
        List<CreateQueryRequest> items = request.queries();
        Map<Long, TagResponse> tagsById = tags.requireAllInProject(
                scope.projectId(),
                items.stream().map(CreateQueryRequest::tagIds).toList(),
                index -> "queries[" + index + "].tagIds");
        List<QueryKey> keys = items.stream().map(QueryKey::of).toList();
        Map<QueryKey, UUID> existing = liveDuplicates(scope.projectId(), keys);
        Map<QueryKey, Integer> firstAt = new HashMap<>();
        List<FieldProblem> duplicates = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            QueryKey key = keys.get(i);
            Integer earlier = firstAt.putIfAbsent(key, i);
            if (existing.containsKey(key)) {
                duplicates.add(new FieldProblem("queries[" + i + "]", "duplicates query " + existing.get(key)));
            } else if (earlier != null) {
                duplicates.add(new FieldProblem("queries[" + i + "]", "duplicates queries[" + earlier + "]"));
            }
        }
        if (!duplicates.isEmpty()) {
            throw ConflictException.of(
                    duplicates.size() + " of the queries duplicate others (same text, language and country); "
                            + "nothing was created",
                    duplicates);
        }
        List<ProjectQuery> created = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            created.add(new ProjectQuery(
                    scope.projectId(), keys.get(i), distinct(items.get(i).tagIds())));
        }
        List<ProjectQuery> saved = queries.saveAll(created);
        // Written now, so that a race with another writer surfaces here as a conflict.
        queries.flush();
        return saved.stream().map(query -> query.toResponse(tagsById)).toList();
    }

    public QueryResponse get(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        return withTags(scope.projectId(), List.of(require(scope, id))).get(0);
    }

    /** A page of the project's live queries matching every filter given, in the requested order. */
    public PageResponse<QueryResponse> list(ProjectScope scope, ListQueriesRequest request, PageParams params) {
        projects.requireInScope(scope);
        ListQueriesRequest filters = request == null ? ListQueriesRequest.NONE : request;
        Sort sort = SortOrder.toSort(filters.sort(), SORT_FIELDS, Sort.by("createdAt"));
        Set<Long> tagIds = tags.resolveFilter(scope.projectId(), filters.tagIds(), filters.tagNames());
        var specification = QuerySpecifications.matching(scope.projectId(), filters, tagIds);
        return PageResponse.fetch(
                params,
                sort,
                pageable -> queries.findAll(specification, pageable),
                () -> queries.count(specification),
                rows -> withTags(scope.projectId(), rows));
    }

    /** Changes the fields given; a change that makes the query a duplicate of another is a 409. */
    @Transactional
    public QueryResponse update(ProjectScope scope, UUID id, UpdateQueryRequest request) {
        projects.requireInScope(scope);
        ProjectQuery query = lock(scope, id);
        Set<Long> tagIds = null;
        if (request.tagIds() != null) {
            tags.requireInProject(scope.projectId(), request.tagIds(), "tagIds");
            tagIds = distinct(request.tagIds());
        }
        QueryKey key = query.key().with(request);
        if (!key.equals(query.key())) {
            UUID existing = liveDuplicates(scope.projectId(), List.of(key)).get(key);
            if (existing != null && !existing.equals(id)) {
                throw duplicate(existing);
            }
        }
        query.update(key, tagIds);
        // Flushed here so that the answer carries the new updatedAt, and a race surfaces as a conflict.
        queries.saveAndFlush(query);
        return withTags(scope.projectId(), List.of(query)).get(0);
    }

    /**
     * Marks the query deleted: it leaves lists, reads and future triggers, while the cached jobs
     * already made from it keep their copy of its text.
     */
    @Transactional
    public void delete(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        lock(scope, id).markDeleted();
    }

    /**
     * The live queries of the project, by id; 404 naming each that is not in the project.
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

    private ProjectQuery require(ProjectScope scope, UUID id) {
        return queries.findByIdAndProjectIdAndDeletedAtIsNull(id, scope.projectId())
                .orElseThrow(() -> NotFoundException.of("Query", id));
    }

    private ProjectQuery lock(ProjectScope scope, UUID id) {
        return queries.lockLive(id, scope.projectId()).orElseThrow(() -> NotFoundException.of("Query", id));
    }

    /** The live queries of the project with these keys, by key. */
    private Map<QueryKey, UUID> liveDuplicates(UUID projectId, List<QueryKey> keys) {
        Set<String> texts = keys.stream().map(QueryKey::text).collect(Collectors.toSet());
        Set<QueryKey> wanted = Set.copyOf(keys);
        Map<QueryKey, UUID> found = new HashMap<>();
        for (QuerySnapshot candidate : queries.snapshotsWithTexts(projectId, texts)) {
            QueryKey key = QueryKey.of(candidate);
            if (wanted.contains(key)) {
                found.put(key, candidate.id());
            }
        }
        return found;
    }

    private List<QueryResponse> withTags(UUID projectId, List<ProjectQuery> page) {
        Set<Long> ids = page.stream().flatMap(query -> query.tagIds().stream()).collect(Collectors.toSet());
        Map<Long, TagResponse> tagsById = tags.findInProject(projectId, ids);
        return page.stream().map(query -> query.toResponse(tagsById)).toList();
    }

    private static ConflictException duplicate(UUID existing) {
        return ConflictException.of(
                "A query with the same text, language and country exists: " + existing,
                List.of(new FieldProblem("query", "duplicates query " + existing)));
    }

    private static Set<Long> distinct(List<Long> tagIds) {
        return tagIds == null ? Set.of() : new LinkedHashSet<>(tagIds);
    }
}
