package io.cachedjobs.entity;

import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.domain.Specification;

/** The filters of {@code POST /api/entities/list}, as one criteria predicate. */
final class EntitySpecifications {

    private static final char ESCAPE = '\\';

    private EntitySpecifications() {}

    static Specification<ProjectEntity> matching(UUID projectId, ListEntitiesRequest filters) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            all.add(cb.equal(root.get("projectId"), projectId));
            if (filters.name() != null && !filters.name().isEmpty()) {
                Expression<String> pattern = cb.lower(cb.literal("%" + escapeLike(filters.name()) + "%"));
                // The aliases joined by a line feed, which no name holds: a part never spans two.
                Expression<String> aliases =
                        cb.function("array_to_string", String.class, root.get("aliases"), cb.literal("\n"));
                all.add(cb.or(
                        cb.like(cb.lower(root.get("name")), pattern, ESCAPE),
                        cb.like(cb.lower(aliases), pattern, ESCAPE)));
            }
            if (filters.types() != null && !filters.types().isEmpty()) {
                all.add(root.get("type").in(filters.types()));
            }
            if (filters.isOwned() != null) {
                all.add(cb.equal(root.get("owned"), filters.isOwned()));
            }
            if (filters.isPrimary() != null) {
                all.add(cb.equal(root.get("primary"), filters.isPrimary()));
            }
            if (filters.isCompetitor() != null) {
                all.add(cb.equal(root.get("competitor"), filters.isCompetitor()));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }

    private static String escapeLike(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                escaped.append(ESCAPE);
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
