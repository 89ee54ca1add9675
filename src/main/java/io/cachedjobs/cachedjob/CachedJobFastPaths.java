package io.cachedjobs.cachedjob;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;

/**
 * The cached jobs' hot paths, written by hand: writes of many rows and reads in plain SQL, and the
 * list's page and count without Spring Data's {@code count(id)}.
 */
interface CachedJobFastPaths {

    /** Writes new jobs with JDBC batches (one round trip per thousand rows), never a save per row. */
    void insertAll(List<CachedJobResponse> jobs);

    /**
     * Writes, in one statement, one new pending job per live query of the project that the
     * narrowing allows; nothing when the project is not the organisation's.
     *
     * @return the new jobs' ids, in the order the queries were created, and the first of them whole
     */
    Written insertForQueries(NewJobs jobs);

    /**
     * What a trigger wrote: every new job's id in order, and the first jobs (up to a chunk) whole,
     * as the write returned them; the others are read back by id.
     */
    record Written(List<UUID> ids, List<CachedJobResponse> first) {}

    /** The job, if it is of the project and the project is the organisation's: one statement. */
    Optional<CachedJobResponse> findInScope(UUID id, UUID projectId, UUID organisationId);

    /** One page of the jobs matching {@code where}, without counting them. */
    List<CachedJob> findPage(Specification<CachedJob> where, Pageable page);

    /**
     * How many jobs match {@code where}, as {@code count(*)}: unlike Spring Data's {@code count(id)},
     * it needs no column of the rows, so a small index on the filtered columns answers it.
     */
    long countMatching(Specification<CachedJob> where);

    /** The jobs with these ids (in order), read a chunk at a time, so that memory does not grow with their number. */
    void readInOrder(List<UUID> ids, Consumer<CachedJobResponse> each);

    /**
     * What a trigger writes: a job per query of {@code projectId} (of {@code organisationId}), only of
     * {@code queryIds} and of queries tagged with any of {@code tagIds} where given (null: no narrowing).
     */
    record NewJobs(
            UUID organisationId,
            UUID projectId,
            List<UUID> queryIds,
            List<Long> tagIds,
            List<String> models,
            int executionCount,
            Instant now) {}
}
