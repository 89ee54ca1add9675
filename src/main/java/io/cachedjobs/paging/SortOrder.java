package io.cachedjobs.paging;

import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.data.domain.Sort;

/** One {@code {"field", "direction"}} of a list call's {@code sort}. */
@Schema(name = "SortOrder")
public record SortOrder(@NotNull String field, Direction direction) {

    /** Ascending when left out. */
    public enum Direction {
        ASC,
        DESC
    }

    /**
     * The Spring Data sort for the requested orders, then by id so that every order is total and
     * paging never repeats or skips a row.
     *
     * @param fields the accepted API field names, each with the entity property it sorts by
     * @param fallback the order when none is requested
     */
    public static Sort toSort(List<SortOrder> orders, Map<String, String> fields, Sort fallback) {
        if (orders == null || orders.isEmpty()) {
            return fallback.and(Sort.by("id"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<Sort.Order> sort = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            SortOrder order = orders.get(i);
            String property = order == null ? null : fields.get(order.field());
            if (property == null) {
                problems.add(new FieldProblem(
                        "sort[" + i + "].field",
                        "must be one of: " + String.join(", ", new TreeSet<>(fields.keySet()))));
                continue;
            }
            sort.add(order.direction() == Direction.DESC ? Sort.Order.desc(property) : Sort.Order.asc(property));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        return Sort.by(sort).and(Sort.by("id"));
    }
}
