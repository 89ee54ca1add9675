package io.cachedjobs.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** One page of a list, in the format every list call answers. */
@Schema(description = "A page of results")
public record PageResponse<T>(PageInfo page, List<T> results) {

    @Schema(name = "PageInfo")
    public record PageInfo(
            @Schema(example = "123") long totalRecords,
            @Schema(example = "50") int limit,
            @Schema(example = "1") int currentPage,
            @Schema(example = "3") int totalPages,

            @Schema(description = "null on the last page", example = "2")
            Integer nextPage,

            @Schema(description = "null on the first page", example = "null")
            Integer prevPage) {}

    public static <T> PageResponse<T> of(List<T> results, long totalRecords, PageParams params) {
        int totalPages = (int) Math.min(Integer.MAX_VALUE, (totalRecords + params.limit() - 1) / params.limit());
        int current = params.page();
        Integer next = current < totalPages ? current + 1 : null;
        Integer previous = current > 1 ? Math.min(current - 1, Math.max(totalPages, 1)) : null;
        return new PageResponse<>(
                new PageInfo(totalRecords, params.limit(), current, totalPages, next, previous), results);
    }

    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper, PageParams params) {
        return of(page.getContent().stream().map(mapper).toList(), page.getTotalElements(), params);
    }
}
