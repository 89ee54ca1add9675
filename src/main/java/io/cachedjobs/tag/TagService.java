package io.cachedjobs.tag;

import io.cachedjobs.common.Text;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.problem.ConflictException;
import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.project.ProjectService;
import io.cachedjobs.tenancy.ProjectScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class TagService {

    static final int MAX_NAME = 100;
    static final String COLOR = "^#[0-9A-Fa-f]{6}$";
    static final String COLOR_MESSAGE = "must be a colour as #RRGGBB, e.g. #FF5733";
    private static final Sort BY_NAME = Sort.by("name", "id");

    private final TagRepository tags;
    private final ProjectService projects;

    TagService(TagRepository tags, ProjectService projects) {
        this.tags = tags;
        this.projects = projects;
    }

    @Transactional
    public TagResponse create(ProjectScope scope, CreateTagRequest request) {
        projects.requireInScope(scope);
        String name = Text.clean(request.name());
        requireNameFree(scope.projectId(), name, null);
        return tags.save(new ProjectTag(scope.projectId(), name, normaliseColor(request.color())))
                .toResponse();
    }

    public PageResponse<TagResponse> list(ProjectScope scope, PageParams params) {
        projects.requireInScope(scope);
        return PageResponse.fetchEach(
                params,
                BY_NAME,
                pageable -> tags.findByProjectId(scope.projectId(), pageable),
                () -> tags.countByProjectId(scope.projectId()),
                ProjectTag::toResponse);
    }

    public TagResponse get(ProjectScope scope, long id) {
        projects.requireInScope(scope);
        return require(scope, id).toResponse();
    }

    @Transactional
    public TagResponse update(ProjectScope scope, long id, UpdateTagRequest request) {
        projects.requireInScope(scope);
        ProjectTag tag = lock(scope, id);
        if (request.name() != null) {
            String name = Text.clean(request.name());
            requireNameFree(scope.projectId(), name, id);
            tag.rename(name);
        }
        if (request.color() != null) {
            tag.recolor(normaliseColor(request.color()));
        }
        // Flushed here so that the answer carries the new updatedAt.
        return tags.saveAndFlush(tag).toResponse();
    }

    /** The tag leaves every query that had it (the database cascades); the queries are unchanged otherwise. */
    @Transactional
    public void delete(ProjectScope scope, long id) {
        projects.requireInScope(scope);
        tags.delete(lock(scope, id));
    }

    /** The project's tags among the ids, by id; ids of other projects or of no tag are left out. */
    public Map<Long, TagResponse> findInProject(UUID projectId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return tags.findByProjectIdAndIdIn(projectId, ids).stream()
                .map(ProjectTag::toResponse)
                .collect(Collectors.toMap(TagResponse::id, Function.identity()));
    }

    /**
     * The project's tags of {@code ids}, by id; a 400 naming each id that is no tag of the project,
     * e.g. {@code tagIds[1]}.
     *
     * @param field the request's name for the list of ids, e.g. {@code tagIds}
     */
    public Map<Long, TagResponse> requireInProject(UUID projectId, List<Long> ids, String field) {
        return requireAllInProject(projectId, List.of(ids), index -> field);
    }

    /**
     * The project's tags of all the lists, by id, looked up at once; a 400 naming each id that is no
     * tag of the project, e.g. {@code queries[2].tagIds[0]}. A null list names no tag.
     *
     * @param field the request's name for the list at each position, e.g.
     *     {@code i -> "queries[" + i + "].tagIds"}
     */
    public Map<Long, TagResponse> requireAllInProject(
            UUID projectId, List<List<Long>> lists, Function<Integer, String> field) {
        Set<Long> wanted = lists.stream()
                .filter(Objects::nonNull)
                .flatMap(List::stream)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<Long, TagResponse> found = findInProject(projectId, wanted);
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < lists.size(); i++) {
            if (lists.get(i) != null) {
                missing(lists.get(i), found, field.apply(i), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        return found;
    }

    /**
     * The ids of the tags a list filter names, by id ({@code tagIds}) and by exact name ({@code
     * tagNames}, trimmed), together; a 400 naming each entry that is no tag of the project, e.g.
     * {@code tagNames[1]}. A null list names no tag.
     */
    public Set<Long> resolveFilter(UUID projectId, List<Long> tagIds, List<String> tagNames) {
        List<Long> ids = tagIds == null ? List.of() : tagIds;
        List<String> names = tagNames == null
                ? List.of()
                : tagNames.stream().map(Text::clean).toList();
        Map<Long, TagResponse> byId = findInProject(projectId, new LinkedHashSet<>(ids));
        Map<String, TagResponse> byName = findNamedInProject(projectId, new LinkedHashSet<>(names));
        List<FieldProblem> problems = new ArrayList<>();
        missing(ids, byId, "tagIds", problems);
        for (int i = 0; i < names.size(); i++) {
            if (!byName.containsKey(names.get(i))) {
                problems.add(new FieldProblem(
                        "tagNames[" + i + "]", "no tag of the project is named '" + names.get(i) + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        Set<Long> all = new LinkedHashSet<>(byId.keySet());
        byName.values().forEach(tag -> all.add(tag.id()));
        return all;
    }

    /** Adds a problem for each id of {@code ids} that is not among the tags {@code found}. */
    private static void missing(
            List<Long> ids, Map<Long, TagResponse> found, String field, List<FieldProblem> problems) {
        for (int i = 0; i < ids.size(); i++) {
            if (!found.containsKey(ids.get(i))) {
                problems.add(
                        new FieldProblem(field + "[" + i + "]", "tag " + ids.get(i) + " was not found in the project"));
            }
        }
    }

    /** The project's tags among the (exact) names, by name; names no tag has are left out. */
    private Map<String, TagResponse> findNamedInProject(UUID projectId, Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        return tags.findByProjectIdAndNameIn(projectId, names).stream()
                .map(ProjectTag::toResponse)
                .collect(Collectors.toMap(TagResponse::name, Function.identity()));
    }

    private ProjectTag require(ProjectScope scope, long id) {
        return tags.findByIdAndProjectId(id, scope.projectId()).orElseThrow(() -> NotFoundException.of("Tag", id));
    }

    private ProjectTag lock(ProjectScope scope, long id) {
        return tags.lockByIdAndProjectId(id, scope.projectId()).orElseThrow(() -> NotFoundException.of("Tag", id));
    }

    private void requireNameFree(UUID projectId, String name, Long self) {
        tags.findByProjectIdAndName(projectId, name)
                .filter(existing -> !existing.getId().equals(self))
                .ifPresent(existing -> {
                    throw ConflictException.of(
                            "The project already has a tag named '" + name + "': tag " + existing.getId(),
                            List.of(new FieldProblem("name", "duplicates tag " + existing.getId())));
                });
    }

    private static String normaliseColor(String color) {
        return color.toUpperCase(Locale.ROOT);
    }
}
