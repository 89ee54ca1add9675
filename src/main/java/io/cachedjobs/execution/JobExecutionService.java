package io.cachedjobs.execution;

import io.cachedjobs.common.LowerCaseEnum;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.project.ProjectService;
import io.cachedjobs.provider.ProviderCatalogue;
import io.cachedjobs.tenancy.ProjectScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reading executions, in the project of the call. */
@Service
@Transactional(readOnly = true)
public class JobExecutionService {

    private static final String COLUMNS = "e.id, e.cached_job_id, e.query_id, e.query_text, e.language, e.country, "
            + "e.model, e.provider_key, e.execution_number, e.attempt, e.status, e.answer, e.no_answer_reason, "
            + "e.sources, e.search_queries, e.input_tokens, e.cached_input_tokens, e.output_tokens, "
            + "e.reasoning_tokens, e.search_calls, e.cost_micros, e.latency_ms, e.error_type, e.error_message, "
            + "e.possibly_billed_calls, e.started_at, e.finished_at, e.created_at, e.updated_at";
    private static final String IN_SCOPE = "e.project_id = :project AND e.organisation_id = :organisation";

    private static final TypeReference<List<JobExecutionResponse.Source>> SOURCES = new TypeReference<>() {};
    private static final TypeReference<List<String>> SEARCHES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ProjectService projects;
    private final JsonMapper json;
    private final ProviderCatalogue catalogue;

    JobExecutionService(JdbcClient jdbc, ProjectService projects, JsonMapper json, ProviderCatalogue catalogue) {
        this.jdbc = jdbc;
        this.projects = projects;
        this.json = json;
        this.catalogue = catalogue;
    }

    /** The executions of one cached job of the project, in the job's order (model, then run). */
    public PageResponse<JobExecutionResponse> ofJob(ProjectScope scope, UUID cachedJobId, PageParams page) {
        projects.requireInScope(scope);
        Long total = jdbc.sql("""
                        SELECT total_executions FROM cached_jobs WHERE id = :job AND project_id = :project""")
                .param("job", cachedJobId)
                .param("project", scope.projectId())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> NotFoundException.of("Cached job", cachedJobId));
        List<JobExecutionResponse> rows = jdbc.sql("SELECT " + COLUMNS + " FROM job_executions e WHERE " + IN_SCOPE
                        + " AND e.cached_job_id = :job ORDER BY e.id LIMIT :limit OFFSET :offset")
                .param("project", scope.projectId())
                .param("organisation", scope.organisationId())
                .param("job", cachedJobId)
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query((row, index) -> read(row))
                .list();
        return PageResponse.of(rows, total, page);
    }

    public JobExecutionResponse get(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        return jdbc.sql("SELECT " + COLUMNS + " FROM job_executions e WHERE " + IN_SCOPE + " AND e.id = :id")
                .param("project", scope.projectId())
                .param("organisation", scope.organisationId())
                .param("id", id)
                .query((row, index) -> read(row))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Job execution", id));
    }

    /** The engine's answer as it was received (its JSON); 404 while there is none. */
    public String raw(ProjectScope scope, UUID id) {
        projects.requireInScope(scope);
        return jdbc.sql("SELECT e.raw_answer FROM job_executions e WHERE " + IN_SCOPE + " AND e.id = :id")
                .param("project", scope.projectId())
                .param("organisation", scope.organisationId())
                .param("id", id)
                .query((row, index) -> Optional.ofNullable(row.getString("raw_answer")))
                .optional()
                .orElseThrow(() -> NotFoundException.of("Job execution", id))
                .orElseThrow(() -> NotFoundException.of("Raw answer of job execution", id));
    }

    /**
     * The project's executions that {@code filters} keep, oldest first, after {@code cursor} (the last
     * id of the previous page): a walk that new executions join at its end, so an export is complete.
     */
    public ExecutionPage list(ProjectScope scope, ListJobExecutionsRequest filters, int limit, UUID cursor) {
        projects.requireInScope(scope);
        ListJobExecutionsRequest applied = filters == null ? ListJobExecutionsRequest.NONE : filters;
        catalogue.requireKnownModels(applied.model(), "model");
        if (applied.from() != null && applied.to() != null && !applied.from().isBefore(applied.to())) {
            throw InvalidRequestException.of("from", "must be before to");
        }
        StringBuilder where = new StringBuilder(IN_SCOPE);
        Map<String, Object> params = new HashMap<>();
        params.put("project", scope.projectId());
        params.put("organisation", scope.organisationId());
        params.put("limit", limit);
        if (cursor != null) {
            where.append(" AND e.id > :cursor");
            params.put("cursor", cursor);
        }
        if (applied.status() != null && !applied.status().isEmpty()) {
            where.append(" AND e.status IN (:statuses)");
            params.put(
                    "statuses",
                    applied.status().stream().map(JobExecutionStatus::value).toList());
        }
        if (applied.model() != null && !applied.model().isEmpty()) {
            where.append(" AND e.model IN (:models)");
            params.put("models", applied.model());
        }
        if (applied.cachedJobId() != null) {
            where.append(" AND e.cached_job_id = :job");
            params.put("job", applied.cachedJobId());
        }
        if (applied.queryId() != null) {
            where.append(" AND e.query_id = :query");
            params.put("query", applied.queryId());
        }
        if (applied.from() != null) {
            where.append(" AND e.created_at >= :from");
            params.put("from", Timestamp.from(applied.from()));
        }
        if (applied.to() != null) {
            where.append(" AND e.created_at < :to");
            params.put("to", Timestamp.from(applied.to()));
        }
        List<JobExecutionResponse> rows = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM job_executions e WHERE " + where + " ORDER BY e.id LIMIT :limit")
                .params(params)
                .query((row, index) -> read(row))
                .list();
        UUID next = rows.size() == limit ? rows.get(rows.size() - 1).id() : null;
        return new ExecutionPage(rows, next);
    }

    private JobExecutionResponse read(ResultSet row) throws SQLException {
        String sources = row.getString("sources");
        String searches = row.getString("search_queries");
        Long input = row.getObject("input_tokens", Long.class);
        String errorType = row.getString("error_type");
        return new JobExecutionResponse(
                row.getObject("id", UUID.class),
                row.getObject("cached_job_id", UUID.class),
                row.getObject("query_id", UUID.class),
                row.getString("query_text"),
                row.getString("language"),
                row.getString("country"),
                row.getString("model"),
                row.getString("provider_key"),
                row.getInt("execution_number"),
                row.getInt("attempt"),
                LowerCaseEnum.of(JobExecutionStatus.class, row.getString("status")),
                row.getString("answer"),
                row.getString("no_answer_reason"),
                sources == null ? List.of() : json.readValue(sources, SOURCES),
                searches == null ? List.of() : json.readValue(searches, SEARCHES),
                input == null
                        ? JobExecutionResponse.Usage.NONE
                        : new JobExecutionResponse.Usage(
                                input,
                                row.getLong("cached_input_tokens"),
                                row.getLong("output_tokens"),
                                row.getLong("reasoning_tokens"),
                                row.getInt("search_calls")),
                row.getObject("cost_micros", Long.class),
                row.getObject("latency_ms", Integer.class),
                errorType == null
                        ? JobExecutionResponse.Error.NONE
                        : new JobExecutionResponse.Error(errorType, row.getString("error_message")),
                row.getInt("possibly_billed_calls"),
                instant(row, "started_at"),
                instant(row, "finished_at"),
                instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
