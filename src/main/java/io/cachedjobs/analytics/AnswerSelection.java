package io.cachedjobs.analytics;

import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.tenancy.ProjectScope;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The answers a figure counts, resolved from an {@link AnalyticsRequest}: the project, the time
 * range as instants (its days taken in the time zone), and the filters; it writes the one SQL
 * condition every figure applies to the derived tables, each of which carries {@code project_id},
 * {@code answered_at}, {@code model} and {@code query_id} (and {@code answer_analyses} {@code
 * country} and {@code language}: the other tables reach them through it, by primary key).
 *
 * @param scope the project
 * @param from first day, in {@code zone}
 * @param to the day after the last, in {@code zone}
 * @param zone the time zone of days and buckets
 */
record AnswerSelection(ProjectScope scope, LocalDate from, LocalDate to, ZoneId zone, AnalyticsRequest request) {

    /** Days counted when the call names neither end: the last 30, today included. */
    static final int DEFAULT_DAYS = 30;

    /** The most days one figure counts: two years. */
    static final int MAX_DAYS = 731;

    /**
     * @throws InvalidRequestException naming {@code timezone} when it is no IANA zone, {@code from}
     *     when it is not before {@code to} or more than {@value #MAX_DAYS} days before it
     */
    static AnswerSelection of(ProjectScope scope, AnalyticsRequest request, Instant now) {
        ZoneId zone;
        try {
            zone = request.timezone() == null ? ZoneId.of("UTC") : ZoneId.of(request.timezone());
        } catch (DateTimeException e) {
            throw InvalidRequestException.of("timezone", "must be an IANA time zone, e.g. Europe/Paris or UTC");
        }
        LocalDate to = request.to() != null
                ? request.to()
                : LocalDate.ofInstant(now, zone).plusDays(1);
        LocalDate from = request.from() != null ? request.from() : to.minusDays(DEFAULT_DAYS);
        if (!from.isBefore(to)) {
            throw InvalidRequestException.of("from", "must be before to (" + to + "): to is exclusive");
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            throw InvalidRequestException.of(
                    "from", "must be at most " + MAX_DAYS + " days before to (" + to + "); ask in parts");
        }
        return new AnswerSelection(scope, from, to, zone, request);
    }

    boolean byModel() {
        return request.breakdown() == AnalyticsRequest.Breakdown.MODEL;
    }

    /**
     * The condition on table {@code alias} (one of the derived tables), with its parameters bound
     * to {@code sql} by {@link #bind}: the project, the range, models, queries, tags, countries and
     * languages. Entities are not in it: a figure's denominators span all of them.
     */
    String where(String alias, boolean hasCountry) {
        StringBuilder where = new StringBuilder()
                .append(alias)
                .append(".project_id = :project AND ")
                .append(alias)
                .append(".answered_at >= :from AND ")
                .append(alias)
                .append(".answered_at < :to");
        if (present(request.models())) {
            where.append(" AND ").append(alias).append(".model IN (:models)");
        }
        if (present(request.queryIds())) {
            where.append(" AND ").append(alias).append(".query_id IN (:queryIds)");
        }
        if (present(request.tagIds())) {
            where.append(" AND ")
                    .append(alias)
                    .append(".query_id IN (SELECT qt.query_id FROM query_tags qt WHERE qt.tag_id IN (:tagIds))");
        }
        if (present(request.countries()) || present(request.languages())) {
            String locale = (present(request.countries()) ? "%1$s.country IN (:countries)" : "TRUE")
                    + (present(request.languages()) ? " AND %1$s.language IN (:languages)" : "");
            if (hasCountry) {
                where.append(" AND ").append(locale.formatted(alias));
            } else {
                where.append(" AND EXISTS (SELECT 1 FROM answer_analyses l WHERE l.execution_id = ")
                        .append(alias)
                        .append(".execution_id AND ")
                        .append(locale.formatted("l"))
                        .append(')');
            }
        }
        return where.toString();
    }

    /** Binds the parameters {@link #where} names, and {@code zone}. */
    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql) {
        sql = sql.param("project", scope.projectId())
                .param("from", Timestamp.from(from.atStartOfDay(zone).toInstant()))
                .param("to", Timestamp.from(to.atStartOfDay(zone).toInstant()))
                .param("zone", zone.getId());
        if (present(request.models())) {
            sql = sql.param("models", request.models());
        }
        if (present(request.queryIds())) {
            sql = sql.param("queryIds", request.queryIds());
        }
        if (present(request.tagIds())) {
            sql = sql.param("tagIds", request.tagIds());
        }
        if (present(request.countries())) {
            sql = sql.param("countries", request.countries());
        }
        if (present(request.languages())) {
            sql = sql.param("languages", request.languages());
        }
        return sql;
    }

    /** The entities asked for, or null for all of the project's. */
    List<UUID> entityIds() {
        return present(request.entityIds()) ? request.entityIds() : null;
    }

    private static boolean present(List<?> values) {
        return values != null && !values.isEmpty();
    }
}
