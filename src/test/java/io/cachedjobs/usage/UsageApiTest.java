package io.cachedjobs.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GET /api/usage over finished executions written with known figures: the answer is compared, field
 * by field, with sums made by hand. Bad ranges are 400s naming the parameter; an organisation sees
 * its own executions only.
 */
class UsageApiTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    UUID organisation;
    UUID project;
    UUID query;
    UUID job;
    final AtomicInteger executionNumber = new AtomicInteger();

    @BeforeEach
    void data() {
        organisation = createOrganisation("Usage Org");
        project = createProject(organisation, "Brand");
        query = createQueries(organisation, project, "best crm", "en", "US").get(0);
        job = UUID.fromString(triggerFirstJob(organisation, project));
    }

    /** One execution of the job, finished at {@code finishedAt} (null: not finished), with these figures. */
    private void execution(
            UUID organisationId,
            UUID jobId,
            String model,
            String status,
            String finishedAt,
            Long input,
            Long cachedInput,
            Long output,
            Long reasoning,
            Integer searches,
            Long costMicros,
            int possiblyBilled) {
        jdbc.update(
                """
                insert into job_executions (id, cached_job_id, project_id, organisation_id, query_id, query_text,
                    language, country, model, provider_key, execution_number, attempt, status, input_tokens,
                    cached_input_tokens, output_tokens, reasoning_tokens, search_calls, cost_micros,
                    possibly_billed_calls, finished_at, created_at, updated_at)
                select gen_random_uuid(), j.id, j.project_id, ?, j.query_id, j.query_text, j.language, j.country,
                    ?, 'key', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, now(), now()
                from cached_jobs j where j.id = ?""",
                organisationId,
                model,
                executionNumber.incrementAndGet(),
                status,
                input,
                cachedInput,
                output,
                reasoning,
                searches,
                costMicros,
                possiblyBilled,
                finishedAt,
                jobId);
    }

    private Api.Response usage(UUID organisationId, String query) {
        return api.get("/api/usage" + query).organisation(organisationId).send();
    }

    @Test
    void usageIsByUtcDayOfFinishingAndModelWithTotalsAsSummedByHand() {
        execution(
                organisation,
                job,
                "gpt-4.1-mini",
                "success",
                "2026-11-02T10:00:00Z",
                1000L,
                200L,
                300L,
                0L,
                1,
                1500L,
                0);
        // Failed after a lost call: no usage, no cost, one call possibly billed; still 2 November in UTC.
        execution(
                organisation,
                job,
                "gpt-4.1-mini",
                "failed",
                "2026-11-02T23:59:59.999Z",
                null,
                null,
                null,
                null,
                null,
                null,
                1);
        // Finished at 00:30 in Brussels, which is still 2 November in UTC; no cost known.
        execution(
                organisation,
                job,
                "claude-haiku-4-5",
                "success",
                "2026-11-03T00:30:00+01:00",
                2000L,
                0L,
                500L,
                100L,
                2,
                null,
                0);
        execution(organisation, job, "gpt-4.1-mini", "success", "2026-11-03T00:00:00Z", 10L, 0L, 20L, 5L, 0, 7L, 2);
        // Outside: not finished, finished the day before from, finished on to (exclusive).
        execution(organisation, job, "gpt-4.1-mini", "running", null, 999L, 999L, 999L, 999L, 9, 999L, 9);
        execution(organisation, job, "gpt-4.1-mini", "success", "2026-11-01T23:59:59.999Z", 999L, 0L, 9L, 0L, 0, 9L, 0);
        execution(organisation, job, "gpt-4.1-mini", "success", "2026-11-04T00:00:00Z", 999L, 0L, 9L, 0L, 0, 9L, 0);

        Api.Response answer = usage(organisation, "?from=2026-11-02&to=2026-11-04");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().propertyNames()).containsExactly("from", "to", "totals", "byDayAndModel");
        assertThat(answer.json()).isEqualTo(JSON.readTree("""
                {"from": "2026-11-02", "to": "2026-11-04",
                 "totals": {"finishedExecutions": 4, "successExecutions": 3, "failedExecutions": 1,
                   "inputTokens": 3010, "cachedInputTokens": 200, "outputTokens": 820, "reasoningTokens": 105,
                   "searchCalls": 3, "costMicros": 1507, "pricedExecutions": 2, "possiblyBilledCalls": 3},
                 "byDayAndModel": [
                  {"day": "2026-11-02", "model": "claude-haiku-4-5",
                   "finishedExecutions": 1, "successExecutions": 1, "failedExecutions": 0,
                   "inputTokens": 2000, "cachedInputTokens": 0, "outputTokens": 500, "reasoningTokens": 100,
                   "searchCalls": 2, "costMicros": 0, "pricedExecutions": 0, "possiblyBilledCalls": 0},
                  {"day": "2026-11-02", "model": "gpt-4.1-mini",
                   "finishedExecutions": 2, "successExecutions": 1, "failedExecutions": 1,
                   "inputTokens": 1000, "cachedInputTokens": 200, "outputTokens": 300, "reasoningTokens": 0,
                   "searchCalls": 1, "costMicros": 1500, "pricedExecutions": 1, "possiblyBilledCalls": 1},
                  {"day": "2026-11-03", "model": "gpt-4.1-mini",
                   "finishedExecutions": 1, "successExecutions": 1, "failedExecutions": 0,
                   "inputTokens": 10, "cachedInputTokens": 0, "outputTokens": 20, "reasoningTokens": 5,
                   "searchCalls": 0, "costMicros": 7, "pricedExecutions": 1, "possiblyBilledCalls": 2}]}"""));
    }

    @Test
    void anOrganisationSeesOnlyItsOwnExecutions() {
        UUID stranger = createOrganisation("Usage Stranger");
        UUID strangersProject = createProject(stranger, "Theirs");
        createQueries(stranger, strangersProject, "their crm", "en", "US");
        UUID strangersJob = UUID.fromString(triggerFirstJob(stranger, strangersProject));
        execution(organisation, job, "sonar", "success", "2026-11-10T08:00:00Z", 5L, 0L, 6L, 0L, 1, 70L, 0);
        execution(stranger, strangersJob, "sonar", "success", "2026-11-10T09:00:00Z", 500L, 0L, 600L, 0L, 3, 7000L, 4);

        JsonNode mine = usage(organisation, "?from=2026-11-10&to=2026-11-11").json();
        JsonNode theirs = usage(stranger, "?from=2026-11-10&to=2026-11-11").json();

        assertThat(mine.at("/totals/inputTokens").asLong()).isEqualTo(5);
        assertThat(mine.at("/totals/costMicros").asLong()).isEqualTo(70);
        assertThat(mine.get("byDayAndModel")).hasSize(1);
        assertThat(theirs.at("/totals/inputTokens").asLong()).isEqualTo(500);
        assertThat(theirs.at("/totals/possiblyBilledCalls").asLong()).isEqualTo(4);
        assertProblem(
                api.get("/api/usage?from=2026-11-10&to=2026-11-11")
                        .organisation(organisation)
                        .key(api.keyOf(stranger))
                        .send(),
                403);
        assertThat(errorFields(assertProblem(api.get("/api/usage").send(), 400)))
                .containsExactly("x-organisation-id");
    }

    @Test
    void withoutARangeItIsTheLast30DaysTodayIncluded() {
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        execution(organisation, job, "sonar", "success", before + "T00:00:00Z", 1L, 0L, 1L, 0L, 0, 1L, 0);
        execution(organisation, job, "sonar", "success", before.minusDays(29) + "T00:00:00Z", 1L, 0L, 1L, 0L, 0, 1L, 0);
        execution(organisation, job, "sonar", "success", before.minusDays(31) + "T00:00:00Z", 1L, 0L, 1L, 0L, 0, 1L, 0);

        JsonNode answer = usage(organisation, "").json();
        LocalDate after = LocalDate.now(ZoneOffset.UTC);

        LocalDate to = LocalDate.parse(answer.get("to").asString());
        assertThat(to).isBetween(before.plusDays(1), after.plusDays(1));
        assertThat(LocalDate.parse(answer.get("from").asString())).isEqualTo(to.minusDays(30));
        if (before.equals(after)) {
            assertThat(answer.at("/totals/finishedExecutions").asLong()).isEqualTo(2);
        }
        assertThat(LocalDate.parse(
                        usage(organisation, "?to=2026-11-04").json().get("from").asString()))
                .isEqualTo(LocalDate.of(2026, 10, 5));
        assertThat(usage(organisation, "?from=2025-11-04&to=2026-11-05").status())
                .as("366 days")
                .isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "?from=2026-13-01                    | from | must be a UTC day, YYYY-MM-DD",
                "?from=2026-02-30&to=2026-03-02      | from | must be a UTC day, YYYY-MM-DD",
                "?to=yesterday                       | to   | must be a UTC day, YYYY-MM-DD",
                "?to=2026-11-04T00:00:00Z            | to   | must be a UTC day, YYYY-MM-DD",
                "?from=1999-12-31&to=2000-01-05      | from | from 2000-01-01 on",
                "?from=%EF%BC%92026-01-01             | from | must be a UTC day, YYYY-MM-DD",
                "?from=2026-11-01&from=2026-11-02    | from | must be a UTC day, YYYY-MM-DD",
                "?from=2026-11-04&to=2026-11-04      | from | must be before to (2026-11-04)",
                "?from=2026-11-05&to=2026-11-04      | from | must be before to (2026-11-04)",
                "?from=2025-11-03&to=2026-11-05      | from | must be at most 366 days before to (2026-11-05)",
                "?from=+12026-11-03                  | from | must be a UTC day, YYYY-MM-DD"
            })
    void aBadRangeIsA400NamingTheParameter(String query, String field, String message) {
        JsonNode problem = assertProblem(usage(organisation, query.strip()), 400);

        assertThat(errorFields(problem)).containsExactly(field);
        assertThat(problem.at("/errors/0/message").asString()).contains(message);
    }

    @Test
    void bothBadDaysAreNamedAtOnce() {
        JsonNode problem = assertProblem(usage(organisation, "?from=x&to=y"), 400);

        assertThat(errorFields(problem)).containsExactly("from", "to");
    }
}
