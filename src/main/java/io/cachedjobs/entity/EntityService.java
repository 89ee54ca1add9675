package io.cachedjobs.entity;

import io.cachedjobs.analysis.Folding;
import io.cachedjobs.common.Text;
import io.cachedjobs.common.Times;
import io.cachedjobs.common.WebDomains;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.paging.SortOrder;
import io.cachedjobs.problem.ConflictException;
import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.project.ProjectCreated;
import io.cachedjobs.project.ProjectService;
import io.cachedjobs.tenancy.ProjectScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's entities: the names its answers are searched for. Every change locks the project's
 * entity set ({@link EntitySets}), under whose lock the change's checks run (names and aliases unique
 * in the project without case and accents, one primary entity at most), and raises its version when
 * it changes what the extraction reads: a create, a delete, names, aliases, domains, matching options.
 */
@Service
@Transactional(readOnly = true)
public class EntityService {

    static final int MAX_NAME = 200;
    static final int MAX_ALIASES = 50;
    static final int MAX_DOMAINS = 20;
    static final int MAX_DOMAIN = 253;
    static final int MAX_PER_PROJECT = 500;
    static final int MAX_PAGE = 500;

    static final String NAME_RULE =
            "Trimmed, one line; with the aliases, unique in the project compared without " + "case and accents";
    static final String ALIASES_RULE = "Other spellings (at most " + MAX_ALIASES + "), each a mention too; an "
            + "alias the name or an earlier alias already is (without case and accents) is dropped";
    static final String DOMAINS_RULE = "Domains or addresses (at most " + MAX_DOMAINS + "), each stored as its "
            + "registrable domain (https://blog.example.co.uk/x is example.co.uk); a source on one of them, or on a "
            + "subdomain, is the entity's";
    static final String OWNED_RULE = "The project's own (its brand, products, people); not also a competitor";
    static final String PRIMARY_RULE = "The project's main brand, at most one a project; makes the entity owned";
    static final String CASE_RULE = "Whether case matters when its names are looked for in answers (default false)";
    static final String ACCENT_RULE = "Whether accents matter when its names are looked for in answers (default false)";

    private static final Map<String, String> SORT_FIELDS = Map.of(
            "name", "name",
            "type", "type",
            "createdAt", "createdAt",
            "updatedAt", "updatedAt");

    private final EntityRepository entities;
    private final EntitySets sets;
    private final ProjectService projects;

    EntityService(EntityRepository entities, EntitySets sets, ProjectService projects) {
        this.entities = entities;
        this.sets = sets;
        this.projects = projects;
    }

    @Transactional
    public EntityResponse create(ProjectScope scope, CreateEntityRequest request) {
        EntityFields fields = checked(
                request.name(),
                request.aliases() == null ? List.of() : request.aliases(),
                request.domains() == null ? List.of() : request.domains(),
                request.type() == null ? EntityType.BRAND : request.type(),
                request.isOwned(),
                request.isPrimary(),
                request.isCompetitor(),
                Boolean.TRUE.equals(request.caseSensitive()),
                Boolean.TRUE.equals(request.accentSensitive()));
        projects.requireInScope(scope);
        long version = sets.raise(scope.projectId(), Times.now());
        List<ProjectEntity> others = entities.findByProjectId(scope.projectId());
        if (others.size() >= MAX_PER_PROJECT) {
            throw ConflictException.of("The project has " + others.size() + " entities, the most it may have");
        }
        requireFree(fields, others);
        ProjectEntity entity = new ProjectEntity(scope.projectId(), fields, version);
        return entities.saveAndFlush(entity).toResponse();
    }

    public EntityResponse get(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        return entities.findByIdAndProjectId(id, scope.projectId())
                .map(ProjectEntity::toResponse)
                .orElseThrow(() -> NotFoundException.of("Entity", id));
    }

    /** A page of the project's entities matching every filter given, in the requested order. */
    public PageResponse<EntityResponse> list(ProjectScope scope, ListEntitiesRequest request, PageParams params) {
        ListEntitiesRequest filters = request == null ? ListEntitiesRequest.NONE : request;
        Sort sort = SortOrder.toSort(filters.sort(), SORT_FIELDS, Sort.by("createdAt"));
        projects.requireInScope(scope);
        var specification = EntitySpecifications.matching(scope.projectId(), filters);
        return PageResponse.fetchEach(
                params,
                sort,
                pageable -> entities.findAll(specification, pageable),
                () -> entities.count(specification),
                ProjectEntity::toResponse);
    }

    /** Changes the fields given, checked like a create against the project's other entities. */
    @Transactional
    public EntityResponse update(ProjectScope scope, UUID id, UpdateEntityRequest request) {
        projects.requireInScope(scope);
        long current = sets.lock(scope.projectId(), Times.now());
        ProjectEntity entity = entities.lockByIdAndProjectId(id, scope.projectId())
                .orElseThrow(() -> NotFoundException.of("Entity", id));
        EntityFields now = entity.fields();
        boolean primary = request.isPrimary() == null ? now.primary() : request.isPrimary();
        // Owned stays as stored unless asked, or made so by becoming primary.
        Boolean owned = request.isOwned() != null
                ? request.isOwned()
                : (Boolean.TRUE.equals(request.isPrimary()) ? null : now.owned());
        EntityFields fields = checked(
                request.name() == null ? now.name() : request.name(),
                request.aliases() == null ? now.aliases() : request.aliases(),
                request.domains() == null ? now.domains() : request.domains(),
                request.type() == null ? now.type() : request.type(),
                owned,
                primary,
                request.isCompetitor() == null ? now.competitor() : request.isCompetitor(),
                request.caseSensitive() == null ? now.caseSensitive() : request.caseSensitive(),
                request.accentSensitive() == null ? now.accentSensitive() : request.accentSensitive());
        List<ProjectEntity> others = entities.findByProjectId(scope.projectId()).stream()
                .filter(other -> !other.getId().equals(id))
                .toList();
        requireFree(fields, others);
        // Only what the extraction reads makes the answers be derived again; a type or flag does not.
        boolean rederive = !fields.names().equals(now.names())
                || !fields.domains().equals(now.domains())
                || fields.caseSensitive() != now.caseSensitive()
                || fields.accentSensitive() != now.accentSensitive();
        long version = rederive ? sets.raise(scope.projectId(), Times.now()) : current;
        entity.set(fields, version);
        // Flushed here so that the answer carries the new updatedAt.
        return entities.saveAndFlush(entity).toResponse();
    }

    /** Deletes the entity with every row derived for it; the project's entities get a new version. */
    @Transactional
    public void delete(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        sets.raise(scope.projectId(), Times.now());
        entities.delete(entities.lockByIdAndProjectId(id, scope.projectId())
                .orElseThrow(() -> NotFoundException.of("Entity", id)));
    }

    /**
     * A new project's primary brand, from its name and its website's registrable domain, in the
     * transaction that creates the project.
     */
    @EventListener
    @Transactional
    void makePrimaryBrand(ProjectCreated created) {
        long version = sets.raise(created.projectId(), Times.now());
        List<String> domains = created.website() == null
                ? List.of()
                : WebDomains.parse(created.website()).stream().toList();
        EntityFields fields = new EntityFields(
                Text.clean(created.name()), List.of(), domains, EntityType.BRAND, true, true, false, false, false);
        entities.saveAndFlush(new ProjectEntity(created.projectId(), fields, version));
    }

    /**
     * The fields cleaned and checked on their own: a 400 naming each field that breaks a rule.
     *
     * @param owned null: owned when primary, else not
     */
    private static EntityFields checked(
            String name,
            List<String> aliases,
            List<String> domains,
            EntityType type,
            Boolean owned,
            Boolean primary,
            Boolean competitor,
            boolean caseSensitive,
            boolean accentSensitive) {
        List<FieldProblem> problems = new ArrayList<>();
        String cleanName = Text.clean(name);
        if (Folding.key(cleanName).isEmpty()) {
            problems.add(new FieldProblem("name", "must hold a letter, digit or symbol that can be looked for"));
        }
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put(Folding.key(cleanName), cleanName);
        for (int i = 0; i < aliases.size(); i++) {
            String alias = Text.clean(aliases.get(i));
            String key = Folding.key(alias);
            if (key.isEmpty()) {
                problems.add(new FieldProblem(
                        "aliases[" + i + "]", "must hold a letter, digit or symbol that can be looked for"));
            } else {
                spellings.putIfAbsent(key, alias);
            }
        }
        Set<String> cleanDomains = new LinkedHashSet<>();
        for (int i = 0; i < domains.size(); i++) {
            Optional<String> domain = WebDomains.parse(domains.get(i));
            if (domain.isEmpty()) {
                problems.add(new FieldProblem(
                        "domains[" + i + "]",
                        "must be a domain or web address, such as example.com or https://www.example.com"));
            } else {
                cleanDomains.add(domain.get());
            }
        }
        boolean isPrimary = Boolean.TRUE.equals(primary);
        boolean isOwned = owned == null ? isPrimary : owned;
        boolean isCompetitor = Boolean.TRUE.equals(competitor);
        if (isPrimary && !isOwned) {
            problems.add(new FieldProblem("isOwned", "must be true for the primary entity, the project's own brand"));
        }
        if (isOwned && isCompetitor) {
            problems.add(new FieldProblem("isCompetitor", "must be false for an entity of the project's own"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        List<String> cleanAliases = new ArrayList<>(spellings.values());
        cleanAliases.remove(0);
        return new EntityFields(
                cleanName,
                cleanAliases,
                List.copyOf(cleanDomains),
                type,
                isOwned,
                isPrimary,
                isCompetitor,
                caseSensitive,
                accentSensitive);
    }

    /** A 409 naming each name or alias another entity of the project has, and another primary entity. */
    private static void requireFree(EntityFields fields, List<ProjectEntity> others) {
        Map<String, ProjectEntity> taken = new HashMap<>();
        for (ProjectEntity other : others) {
            other.fields().names().forEach(spelling -> taken.put(Folding.key(spelling), other));
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<String> names = fields.names();
        for (int i = 0; i < names.size(); i++) {
            ProjectEntity owner = taken.get(Folding.key(names.get(i)));
            if (owner != null) {
                problems.add(new FieldProblem(
                        i == 0 ? "name" : "aliases[" + (i - 1) + "]",
                        "'" + names.get(i) + "' is a name of entity " + owner.getId() + " ("
                                + owner.fields().name() + "), compared without case and accents"));
            }
        }
        if (fields.primary()) {
            others.stream()
                    .filter(other -> other.fields().primary())
                    .findFirst()
                    .ifPresent(primary -> problems.add(new FieldProblem(
                            "isPrimary",
                            "entity " + primary.getId() + " ("
                                    + primary.fields().name()
                                    + ") is the project's primary entity; make it not primary first")));
        }
        if (!problems.isEmpty()) {
            throw ConflictException.of(
                    problems.size() == 1
                            ? problems.get(0).field() + ": " + problems.get(0).message()
                            : problems.size() + " conflicts with the project's other entities",
                    problems);
        }
    }
}
