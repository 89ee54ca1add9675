package io.cachedjobs.cachedjob;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hibernate.query.criteria.HibernateCriteriaBuilder;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.query.QueryUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.stereotype.Component;

/**
 * The cached jobs' hot paths, written by hand: the batch insert of {@code /many} and the reads in
 * plain SQL (rows as {@link CachedJobRows} shapes them), and the list's page and count without
 * Spring Data's {@code count(id)}. The trigger's write is {@link TriggerInsert}.
 *
 * <p>A bean of its own rather than a fragment of {@link CachedJobRepository}: a repository's proxy
 * runs a chain of interceptors per call (method metadata, exception translation, a transaction,
 * fragment dispatch by reflection, invocation metrics), a cost that shows on small triggers.
 * {@link JdbcTemplate} translates its own exceptions; the {@link EntityManager} queries have
 * theirs translated here ({@link #translated}), and run in the callers' transactions (the
 * service's).
 */
@Component
class CachedJobFastPaths {

    private static final int BATCH_SIZE = 1000;
    /** Rows read per statement when answering a trigger: bounds the memory an answer takes. */
    static final int READ_CHUNK = 1000;

    private static final String FIND_IN_SCOPE = "SELECT j.* FROM cached_jobs j JOIN projects p ON p.id=j.project_id "
            + "WHERE j.id=? AND j.project_id=? AND p.organisation_id=?";
    private static final String READ =
            "SELECT " + CachedJobRows.COLUMNS + " FROM cached_jobs WHERE id = ANY(?) ORDER BY id";

    /** The jobs of one trigger after a given id, in the trigger's order, in the organisation. */
    private static final String READ_RUN = "SELECT " + CachedJobRows.COLUMNS + " FROM cached_jobs "
            + "WHERE run_id = ? AND id > ? AND project_id IN (SELECT id FROM projects WHERE organisation_id = ?) "
            + "ORDER BY id LIMIT " + READ_CHUNK;

    private static final String COUNT_RUN = "SELECT count(*) FROM cached_jobs "
            + "WHERE run_id = ? AND project_id IN (SELECT id FROM projects WHERE organisation_id = ?)";
    private static final UUID BEFORE_ALL = new UUID(0, 0);

    private static final HibernateJpaDialect HIBERNATE = new HibernateJpaDialect();

    private final JdbcTemplate jdbc;
    private final EntityManager entities;

    CachedJobFastPaths(JdbcTemplate jdbc, EntityManager entities) {
        this.jdbc = jdbc;
        this.entities = entities;
    }

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

    /** How many jobs of the trigger {@code runId} are left in the organisation. */
    int countRun(UUID runId, UUID organisationId) {
        Integer count = jdbc.queryForObject(COUNT_RUN, Integer.class, runId, organisationId);
        return count == null ? 0 : count;
    }

    /**
     * The jobs of the trigger {@code runId} that are left (as they are now), in the trigger's order,
     * read a chunk at a time after the last one read.
     */
    void readRun(UUID runId, UUID organisationId, Consumer<CachedJob> each) {
        UUID after = BEFORE_ALL;
        List<CachedJob> rows;
        do {
            rows = jdbc.query(READ_RUN, (row, index) -> CachedJobRows.read(row), runId, after, organisationId);
            rows.forEach(each);
            if (!rows.isEmpty()) {
                after = rows.get(rows.size() - 1).getId();
            }
        } while (rows.size() == READ_CHUNK);
    }
}
