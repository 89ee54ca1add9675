package io.cachedjobs.paging;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * {@code ?limit=&page=} of a list call, read and validated by {@link PageParamsResolver}: page is
 * 1-based, limit defaults to 50 and is at most {@link PageLimit#max()} of the controller parameter.
 */
public record PageParams(int limit, int page) {

    public static final int DEFAULT_LIMIT = 50;

    public Pageable pageable(Sort sort) {
        return PageRequest.of(page - 1, limit, sort);
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }
}
