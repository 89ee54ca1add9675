package io.cachedjobs.usage;

import io.cachedjobs.organisation.OrganisationService;
import io.cachedjobs.tenancy.OrganisationScope;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an organisation's executions used, by UTC day and model: read from the executions
 * themselves, so it always agrees with them. An execution counts on the day it finished (succeeded or
 * failed for good), with everything it used, its lost calls included; one still running counts
 * nothing yet.
 */
@Service
public class UsageService {

    /**
     * One statement over the organisation's finished executions of the range
     * ({@code job_executions_usage_idx}); a sum of no row is 0, a cost not known adds nothing.
     */
    private static final String BY_DAY_AND_MODEL = """
            SELECT (finished_at AT TIME ZONE 'UTC')::date AS day, model,
                count(*) AS finished,
                count(*) FILTER (WHERE status = 'success') AS success,
                count(*) FILTER (WHERE status = 'failed') AS failed,
                coalesce(sum(input_tokens), 0) AS input_tokens,
                coalesce(sum(cached_input_tokens), 0) AS cached_input_tokens,
                coalesce(sum(output_tokens), 0) AS output_tokens,
                coalesce(sum(reasoning_tokens), 0) AS reasoning_tokens,
                coalesce(sum(search_calls), 0) AS search_calls,
                coalesce(sum(cost_micros), 0) AS cost_micros,
                count(cost_micros) AS priced,
                coalesce(sum(possibly_billed_calls), 0) AS possibly_billed_calls
            FROM job_executions
            WHERE organisation_id = :organisation AND finished_at >= :from AND finished_at < :to
            GROUP BY 1, 2
            ORDER BY 1, 2""";

    private final JdbcClient jdbc;
    private final OrganisationService organisations;
    private final Clock clock;

    UsageService(JdbcClient jdbc, OrganisationService organisations, Clock clock) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.clock = clock;
    }

    /**
     * The organisation's usage over the UTC days from {@code from} (inclusive) to {@code to}
     * (exclusive), as given in the query string (null when left out): by default the last 30 days,
     * today included; at most 366 days.
     *
     * @throws io.cachedjobs.problem.InvalidRequestException naming {@code from} or {@code to} (see
     *     {@link UsageRange#of})
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public UsageResponse usage(OrganisationScope scope, String from, String to) {
        UsageRange range = UsageRange.of(from, to, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        organisations.requireExists(scope.organisationId());
        List<DayModelUsage> rows = jdbc.sql(BY_DAY_AND_MODEL)
                .param("organisation", scope.organisationId())
                .param("from", startOf(range.from()))
                .param("to", startOf(range.to()))
                .query((row, number) -> new DayModelUsage(
                        row.getObject("day", LocalDate.class),
                        row.getString("model"),
                        row.getLong("finished"),
                        row.getLong("success"),
                        row.getLong("failed"),
                        row.getLong("input_tokens"),
                        row.getLong("cached_input_tokens"),
                        row.getLong("output_tokens"),
                        row.getLong("reasoning_tokens"),
                        row.getLong("search_calls"),
                        row.getLong("cost_micros"),
                        row.getLong("priced"),
                        row.getLong("possibly_billed_calls")))
                .list();
        UsageFigures totals = UsageFigures.NONE;
        for (DayModelUsage row : rows) {
            totals = totals.plus(row);
        }
        return new UsageResponse(range.from(), range.to(), totals, rows);
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
