package io.cachedjobs.cachedjob;

import io.cachedjobs.common.UuidV7;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.query.QueryUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.stereotype.Component;

/**
 * The cached jobs' hot paths, written by hand: writes of many rows and reads in plain SQL, and the
 * list's page and count without Spring Data's {@code count(id)}.
 *
 * <p>A bean of its own rather than a fragment of {@link CachedJobRepository}: a repository's proxy
 * runs a chain of interceptors per call (method metadata, exception translation, a transaction,
 * fragment dispatch by reflection, invocation metrics), 4% of the service's CPU on small triggers
 * (benchmark profile). {@link JdbcTemplate} translates its own exceptions; the {@link
 * EntityManager} queries have theirs translated here ({@link #translated}), and run in the
 * callers' transactions (the service's).
 */
@Component
class CachedJobFastPaths {

    private static final int BATCH_SIZE = 1000;
    /** Rows read per statement when answering a trigger: bounds the memory an answer takes. */
    static final int READ_CHUNK = 1000;

    private static final String COLUMNS = CachedJobRows.COLUMNS;
    /** Every column but the id, of the first {@link #READ_CHUNK} rows only (null for the others). */
    private static final String FIRST_CHUNK = CachedJobRows.COLUMN_NAMES.stream()
            .skip(1)
            .map(column -> "CASE WHEN n <= " + READ_CHUNK + " THEN " + column + " END AS " + column)
            .collect(Collectors.joining(", "));
    /**
     * One job per live query of the project, in one statement: ids follow the queries' creation
     * order (UUID v7 made from the number bound first plus the row's position), and a project of
     * another organisation yields no row. It returns every id, and the first chunk of jobs whole:
     * a small trigger needs no statement to read its jobs back.
     */
    private static final String INSERT_FOR_QUERIES = "WITH written AS (INSERT INTO cached_jobs (" + COLUMNS + ") "
            + "SELECT " + UuidV7.sql("q.time_and_counter") + ", q.project_id, q.id, q.query_text, q.language, "
            + "q.country, ?, ?, 'pending', false, ?, ? "
            + "FROM (SELECT q.*, ? + row_number() OVER (ORDER BY q.created_at, q.id) - 1 AS time_and_counter "
            + "FROM queries q JOIN projects p ON p.id = q.project_id AND p.organisation_id = ? "
            + "WHERE q.project_id = ? AND q.deleted_at IS NULL%s) q "
            + "RETURNING " + COLUMNS + ") "
            + "SELECT id, " + FIRST_CHUNK
            + " FROM (SELECT w.*, row_number() OVER (ORDER BY w.id) AS n FROM written w) w "
            + "ORDER BY id";

    private static final String ONLY_QUERIES = " AND q.id = ANY(?)";
    private static final String ONLY_TAGGED =
            " AND EXISTS (SELECT 1 FROM query_tags t WHERE t.query_id = q.id AND t.tag_id = ANY(?))";
    /**
     * {@link #INSERT_FOR_QUERIES} for each narrowing, built once (formatting it per call was 1% of a
     * small trigger's CPU): none, by query ids, by tags, by both; see {@link #insertFor}.
     */
    private static final List<String> INSERTS_FOR_QUERIES = List.of(
            INSERT_FOR_QUERIES.formatted(""),
            INSERT_FOR_QUERIES.formatted(ONLY_QUERIES),
            INSERT_FOR_QUERIES.formatted(ONLY_TAGGED),
            INSERT_FOR_QUERIES.formatted(ONLY_QUERIES + ONLY_TAGGED));

    private static final String FIND_IN_SCOPE = "SELECT j.* FROM cached_jobs j JOIN projects p ON p.id=j.project_id "
            + "WHERE j.id=? AND j.project_id=? AND p.organisation_id=?";
    private static final String READ = "SELECT " + COLUMNS + " FROM cached_jobs WHERE id = ANY(?) ORDER BY id";

    private static final HibernateJpaDialect HIBERNATE = new HibernateJpaDialect();

    private final JdbcTemplate jdbc;
    private final EntityManager entities;

    CachedJobFastPaths(JdbcTemplate jdbc, EntityManager entities) {
        this.jdbc = jdbc;
        this.entities = entities;
    }

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

    /**
     * What a trigger wrote: every new job's id in order, and the first jobs (up to a chunk) whole,
     * as the write returned them; the others are read back by id.
     */
    record Written(List<UUID> ids, List<CachedJob> first) {}

    /** One page of the jobs matching {@code where}, without counting them. */
    List<CachedJob> findPage(Specification<CachedJob> where, Pageable page) {
        return translated(() -> {
            CriteriaBuilder builder = entities.getCriteriaBuilder();
            CriteriaQuery<CachedJob> query = builder.createQuery(CachedJob.class);
            Root<CachedJob> job = query.from(CachedJob.class);
            query.select(job)
                    .where(where.toPredicate(job, query, builder))
                    .orderBy(QueryUtils.toOrders(page.getSort(), job, builder));
            return entities.createQuery(query)
                    .setFirstResult((int) page.getOffset())
                    .setMaxResults(page.getPageSize())
                    .getResultList();
        });
    }

    /**
     * How many jobs match {@code where}, as {@code count(*)}: unlike Spring Data's {@code count(id)},
     * it needs no column of the rows, so a small index on the filtered columns answers it.
     */
    long countMatching(Specification<CachedJob> where) {
        return translated(() -> {
            HibernateCriteriaBuilder builder = (HibernateCriteriaBuilder) entities.getCriteriaBuilder();
            CriteriaQuery<Long> query = builder.createQuery(Long.class);
            Root<CachedJob> job = query.from(CachedJob.class);
            query.select(builder.count()).where(where.toPredicate(job, query, builder));
            return entities.createQuery(query).getSingleResult();
        });
    }

    /**
     * Hibernate's exceptions as Spring's, as a repository's proxy would translate them: a value the
     * database refuses (a time past its range) is then a 400, not a 500.
     */
    private static <T> T translated(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            DataAccessException translated = HIBERNATE.translateExceptionIfPossible(e);
            throw translated != null ? translated : e;
        }
    }

    /** Writes new jobs with JDBC batches (one round trip per thousand rows), never a save per row. */
    void insertAll(List<CachedJob> jobs) {
        jdbc.batchUpdate(CachedJobRows.INSERT, jobs, BATCH_SIZE, CachedJobRows::bind);
    }

    /**
     * Writes, in one statement, one new pending job per live query of the project that the
     * narrowing allows; nothing when the project is not the organisation's.
     *
     * @return the new jobs' ids, in the order the queries were created, and the first of them whole
     */
    Written insertForQueries(NewJobs jobs) {
        String sql = insertFor(jobs);
        long first = UuidV7.nextTimeAndCounter();
        List<UUID> ids = new ArrayList<>();
        List<CachedJob> firstChunk = new ArrayList<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(sql);
                    int at = 1;
                    statement.setArray(
                            at++,
                            CachedJobRows.aiModels(connection, jobs.models().toArray()));
                    statement.setInt(at++, jobs.executionCount());
                    OffsetDateTime now = CachedJobRows.time(jobs.now());
                    statement.setObject(at++, now);
                    statement.setObject(at++, now);
                    statement.setLong(at++, first);
                    statement.setObject(at++, jobs.organisationId());
                    statement.setObject(at++, jobs.projectId());
                    if (jobs.queryIds() != null) {
                        statement.setArray(
                                at++,
                                connection.createArrayOf("uuid", jobs.queryIds().toArray()));
                    }
                    if (jobs.tagIds() != null) {
                        statement.setArray(
                                at,
                                connection.createArrayOf("bigint", jobs.tagIds().toArray()));
                    }
                    return statement;
                },
                (RowCallbackHandler) row -> {
                    ids.add(row.getObject("id", UUID.class));
                    if (row.getObject("project_id") != null) {
                        firstChunk.add(CachedJobRows.read(row));
                    }
                });
        UuidV7.madeUpTo(first + ids.size() - 1);
        return new Written(ids, firstChunk);
    }

    private static String insertFor(NewJobs jobs) {
        return INSERTS_FOR_QUERIES.get((jobs.queryIds() == null ? 0 : 1) + (jobs.tagIds() == null ? 0 : 2));
    }

    /** The job, if it is of the project and the project is the organisation's: one statement. */
    Optional<CachedJob> findInScope(UUID id, UUID projectId, UUID organisationId) {
        return jdbc
                .query(FIND_IN_SCOPE, (row, index) -> CachedJobRows.read(row), id, projectId, organisationId)
                .stream()
                .findFirst();
    }

    /** The jobs with these ids (in order), read a chunk at a time, so that memory does not grow with their number. */
    void readInOrder(List<UUID> ids, Consumer<CachedJob> each) {
        for (int from = 0; from < ids.size(); from += READ_CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + READ_CHUNK));
            List<CachedJob> rows = jdbc.query(
                    connection -> {
                        PreparedStatement statement = connection.prepareStatement(READ);
                        statement.setArray(1, connection.createArrayOf("uuid", chunk.toArray()));
                        return statement;
                    },
                    (row, index) -> CachedJobRows.read(row));
            rows.forEach(each);
        }
    }
}
