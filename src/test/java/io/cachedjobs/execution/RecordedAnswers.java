package io.cachedjobs.execution;

import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.engine.SourceUrls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers recorded through the runner's own recording path ({@code ExecutionStore.record}, what a
 * worker calls when an engine has answered), for tests that need answers without running engines:
 * the execution is made running at attempt 1 for a job, then its result recorded.
 */
public final class RecordedAnswers {

    private final ExecutionStore store;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public RecordedAnswers(ApplicationContext context) {
        this.store = context.getBean(ExecutionStore.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.json = context.getBean(JsonMapper.class);
    }

    /**
     * A new execution of {@code job} for {@code model}, recorded as a success with this text (null:
     * no answer, with a reason) and these sources.
     *
     * @return the execution's id
     */
    public UUID record(String job, String model, int number, @Nullable String text, List<EngineSource> sources) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO job_executions (id, cached_job_id, project_id, organisation_id, query_id, query_text,
                    language, country, model, provider_key, execution_number, attempt, status, started_at,
                    created_at, updated_at)
                SELECT ?, j.id, j.project_id, p.organisation_id, j.query_id, j.query_text, j.language, j.country,
                    ?, 'test', ?, 1, 'running', now(), now(), now()
                FROM cached_jobs j JOIN projects p ON p.id = j.project_id WHERE j.id = ?::uuid""", id, model, number, job);
        List<Map<String, Object>> stored = new ArrayList<>();
        for (EngineSource source : sources) {
            Map<String, Object> entry = new LinkedHashMap<>();
            String url = SourceUrls.clean(source.url());
            entry.put("url", url);
            entry.put("domain", SourceUrls.host(url));
            entry.put("title", source.title());
            entry.put("cited", source.cited());
            stored.add(entry);
        }
        ExecutionStore.Result result = new ExecutionStore.Result(
                JobExecutionStatus.SUCCESS,
                text,
                text == null ? "no-ai-overview" : null,
                json.writeValueAsString(stored),
                "[]",
                new ExecutionStore.Usage(10, 0, 20, 0, 1),
                null,
                100,
                null,
                null,
                "{}",
                false,
                true);
        boolean written = store.record(store.find(id).orElseThrow(), 1, result, Instant.now());
        if (!written) {
            throw new IllegalStateException("Execution " + id + " was not recorded");
        }
        return id;
    }
}
