package io.cachedjobs.paging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/** One page of a list, in the format every list call answers. */
@Schema(description = "A page of results")
public record PageResponse<T>(PageInfo page, List<T> results) {

    @Schema(name = "PageInfo")
    public record PageInfo(
            @Schema(example = "123") long totalRecords,
            @Schema(example = "50") int limit,
            @Schema(example = "1") int currentPage,
            @Schema(example = "3") int totalPages,

            @Schema(description = "null on the last page", example = "2", nullable = true)
            Integer nextPage,

            @Schema(description = "null on the first page", example = "null", nullable = true)
            Integer prevPage) {}

    public static <T> PageResponse<T> of(List<T> results, long totalRecords, PageParams params) {
        int totalPages = (int) Math.min(Integer.MAX_VALUE, (totalRecords + params.limit() - 1) / params.limit());
        int current = params.page();
        Integer next = current < totalPages ? current + 1 : null;
        Integer previous = current > 1 ? Math.min(current - 1, Math.max(totalPages, 1)) : null;
        return new PageResponse<>(
                new PageInfo(totalRecords, params.limit(), current, totalPages, next, previous), results);
    }

    /**
     * Reads one page with {@code find} and answers it mapped with {@code mapper}. Spring Data pages
     * by int offsets: a page starting past that holds no row whatever the total, so it is answered
     * empty with the total from {@code count}, instead of failing.
     */
    public static <E, T> PageResponse<T> fetch(
            PageParams params,
            Sort sort,
            Function<Pageable, Page<E>> find,
            LongSupplier count,
            Function<List<E>, List<T>> mapper) {
        if (params.offset() > Integer.MAX_VALUE) {
            return of(List.of(), count.getAsLong(), params);
        }
        Page<E> page = find.apply(params.pageable(sort));
        return of(mapper.apply(page.getContent()), page.getTotalElements(), params);
    }

    /**
     * Reads one page's rows with {@code find} and the total with {@code count}, mapped with {@code
     * each}: for lists that count more cheaply than Spring Data's page does. A page past the int
     * offsets holds no row, as in {@link #fetch}.
     */
    public static <E, T> PageResponse<T> fetchCounted(
            PageParams params, Sort sort, Function<Pageable, List<E>> find, LongSupplier count, Function<E, T> each) {
        List<T> rows = params.offset() > Integer.MAX_VALUE
                ? List.of()
                : find.apply(params.pageable(sort)).stream().map(each).toList();
        return of(rows, count.getAsLong(), params);
    }

    /** {@link #fetch} with a mapper for each row. */
    public static <E, T> PageResponse<T> fetchEach(
            PageParams params, Sort sort, Function<Pageable, Page<E>> find, LongSupplier count, Function<E, T> each) {
        return fetch(params, sort, find, count, rows -> rows.stream().map(each).toList());
    }
}
