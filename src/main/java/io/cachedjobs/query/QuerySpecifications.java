package io.cachedjobs.query;

import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.jpa.domain.Specification;

/** The filters of {@code POST /api/queries/list}, as one criteria predicate. */
final class QuerySpecifications {

    private static final char ESCAPE = '\\';

    private QuerySpecifications() {}

    /** @param tagIds the tags that tagIds and tagNames stand for, already checked */
    static Specification<ProjectQuery> matching(UUID projectId, ListQueriesRequest filters, Set<Long> tagIds) {
        return (root, query, cb) -> {
            List<Predicate> all = new ArrayList<>();
            all.add(cb.equal(root.get("projectId"), projectId));
            all.add(cb.isNull(root.get("deletedAt")));
            if (filters.query() != null && !filters.query().isEmpty()) {
                String pattern = "%" + escapeLike(filters.query()) + "%";
                // Both sides lowered by the database, so that they agree on what case means.
                all.add(cb.like(cb.lower(root.get("text")), cb.lower(cb.literal(pattern)), ESCAPE));
            }
            if (filters.languages() != null && !filters.languages().isEmpty()) {
                all.add(root.get("language")
                        .in(filters.languages().stream()
                                .map(LanguageCode.Validator::normalise)
                                .toList()));
            }
            if (filters.countries() != null && !filters.countries().isEmpty()) {
                all.add(root.get("country")
                        .in(filters.countries().stream()
                                .map(country -> country.trim().toUpperCase(Locale.ROOT))
                                .toList()));
            }
            if (!tagIds.isEmpty()) {
                // exists rather than a join, so that a query with several of the tags is listed once.
                Subquery<Integer> tagged = query.subquery(Integer.class);
                Root<ProjectQuery> same = tagged.correlate(root);
                tagged.select(cb.literal(1)).where(same.join("tagIds").in(tagIds));
                all.add(cb.exists(tagged));
            }
            return cb.and(all.toArray(Predicate[]::new));
        };
    }

    static String escapeLike(String text) {
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
