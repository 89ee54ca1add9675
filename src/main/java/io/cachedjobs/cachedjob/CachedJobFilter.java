package io.cachedjobs.cachedjob;

import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.springframework.data.jpa.domain.Specification;

/** The list filters as one JPA specification; every job is first limited to the caller's project. */
final class CachedJobFilter {

    private CachedJobFilter() {}

    static Specification<CachedJob> of(UUID projectId, CachedJobListRequest request) {
        return (root, query, builder) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(builder.equal(root.get("projectId"), projectId));
            if (request.status() != null && !request.status().isEmpty()) {
                where.add(root.get("status").in(request.status()));
            }
            if (request.queryId() != null) {
                where.add(builder.equal(root.get("queryId"), request.queryId()));
            }
            if (request.aiModels() != null && !request.aiModels().isEmpty()) {
                // arrays overlap (&&): the job asks any of the models
                where.add(((HibernateCriteriaBuilder) builder)
                        .arrayOverlaps(root.get("aiModels"), request.aiModels().toArray(String[]::new)));
            }
            if (request.createdFrom() != null) {
                where.add(builder.greaterThanOrEqualTo(root.get("createdAt"), request.createdFrom()));
            }
            if (request.createdTo() != null) {
                where.add(builder.lessThan(root.get("createdAt"), request.createdTo()));
            }
            if (request.restricted() != null) {
                where.add(builder.equal(root.get("restricted"), request.restricted()));
            }
            return builder.and(where.toArray(Predicate[]::new));
        };
    }
}
