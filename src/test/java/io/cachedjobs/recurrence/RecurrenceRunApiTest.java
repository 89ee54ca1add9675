package io.cachedjobs.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.TestClock;
import io.cachedjobs.support.TestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The runner on, its time a {@link TestClock}: a project whose recurrence is due is triggered at its
 * nextRunAt, once, with its own settings, and its next run moves on. Its own context on a PostgreSQL
 * of its own, as the runner's tests: the clock makes every project of the database due. Jobs are
 * not started (start-interval 1h), so that they stay as the trigger made them.
 */
@TestPropertySource(
        properties = {
            "cachedjobs.runner.enabled=true",
            "cachedjobs.runner.recurrence-interval=100ms",
            "cachedjobs.runner.polling-interval=100ms",
            "cachedjobs.runner.start-interval=1h"
        })
@DirtiesContext
class RecurrenceRunApiTest extends ApiTest {

    static final TestClock CLOCK = new TestClock();
    static final String TASK = "run-project-recurrences";

    @TestConfiguration(proxyBeanMethods = false)
    static class OwnDatabaseAndClock {

        @Bean
        @Primary
        JdbcConnectionDetails recurrenceDatabase() {
            return TestDatabase.embedded(null);
        }

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    UUID organisation;

    @BeforeEach
    void organisation() {
        organisation = createOrganisation("Recurrence Org");
    }

    @Test
    void aDueProjectIsTriggeredOnceAtItsNextRunWithItsOwnSettingsAndItsNextRunMovesOn() {
        JsonNode created = create(Map.of(
                "name",
                "Daily",
                "recurrence",
                "daily",
                "llmProviders",
                List.of("anthropic", "perplexity"),
                "executionCount",
                2));
        UUID project = id(created);
        List<UUID> queries =
                createQueries(organisation, project, "first", "en", "US", "second", "fr", "FR", "gone", "en", "GB");
        assertThat(api.method("DELETE", "/api/queries/" + queries.get(2))
                        .scope(organisation, project)
                        .send()
                        .status())
                .isEqualTo(204);
        Instant due = nextMidnightAfter(CLOCK.instant());
        assertThat(instant(created, "nextRunAt")).isEqualTo(due);
        assertThat(created.get("lastRunAt").isNull()).isTrue();

        CLOCK.set(due.minusSeconds(1));
        awaitRound();
        assertThat(jobsOf(project)).isEmpty();

        CLOCK.set(due.plusSeconds(1));
        JsonNode ran = awaitProject(project, p -> !p.get("lastRunAt").isNull());

        assertThat(instant(ran, "lastRunAt")).isEqualTo(due);
        assertThat(instant(ran, "nextRunAt")).isEqualTo(due.plus(Duration.ofDays(1)));
        List<JsonNode> jobs = jobsOf(project);
        assertThat(jobs).hasSize(2).allSatisfy(job -> {
            assertThat(job.get("aiModels").toString()).isEqualTo("[\"claude-haiku-4-5\",\"sonar\"]");
            assertThat(job.get("executionCount").asInt()).isEqualTo(2);
            assertThat(job.get("status").asString()).isEqualTo("pending");
        });
        assertThat(jobs.stream().map(job -> job.get("query").asString())).containsExactly("first", "second");
        List<Map<String, Object>> runs = runsOf(project);
        assertThat(runs).hasSize(1);
        assertThat(((Timestamp) runs.get(0).get("scheduled_for")).toInstant()).isEqualTo(due);
        assertThat(runs.get(0).get("jobs")).isEqualTo(2);
        assertThat(jdbc.queryForList(
                        "select distinct run_id from cached_jobs where project_id = ?", UUID.class, project))
                .containsExactly((UUID) runs.get(0).get("run_id"));

        awaitRound();
        assertThat(jobsOf(project)).hasSize(2);
        assertThat(runsOf(project)).hasSize(1);
    }

    @Test
    void runsMissedWhileTheServiceWasDownMakeOneRunAndTheNextIsAfterNow() {
        UUID project = id(create(Map.of("name", "Missed", "recurrence", "daily")));
        createQueries(organisation, project, "missed", "en", "US");
        Instant due = nextMidnightAfter(CLOCK.instant());

        // Three days and five hours late: four daily runs were missed.
        CLOCK.set(due.plus(Duration.ofDays(3)).plus(Duration.ofHours(5)));
        JsonNode ran = awaitProject(project, p -> !p.get("lastRunAt").isNull());

        assertThat(instant(ran, "lastRunAt")).isEqualTo(due);
        assertThat(instant(ran, "nextRunAt")).isEqualTo(due.plus(Duration.ofDays(4)));
        awaitRound();
        assertThat(jobsOf(project)).hasSize(1);
        assertThat(runsOf(project)).hasSize(1);
    }

    @Test
    void aProjectWithoutQueriesStillRunsAndMovesOn() {
        UUID project = id(create(Map.of("name", "Empty", "recurrence", "daily")));
        Instant due = nextMidnightAfter(CLOCK.instant());

        CLOCK.set(due.plusSeconds(30));
        JsonNode ran = awaitProject(project, p -> !p.get("lastRunAt").isNull());

        assertThat(instant(ran, "nextRunAt")).isEqualTo(due.plus(Duration.ofDays(1)));
        assertThat(jobsOf(project)).isEmpty();
        assertThat(runsOf(project))
                .singleElement()
                .satisfies(run -> assertThat(run.get("jobs")).isEqualTo(0));
    }

    @Test
    void aProjectWhoseTriggerFailsIsRecordedAndSkippedAndTheOthersDueWithItRun() {
        UUID broken = id(create(Map.of("name", "Broken", "recurrence", "daily")));
        createQueries(organisation, broken, "broken", "en", "US");
        UUID healthy = id(create(Map.of("name", "Healthy", "recurrence", "daily")));
        createQueries(organisation, healthy, "healthy", "en", "US");
        // A provider key since removed from the catalogue: the project asks no model, and a job must ask one.
        jdbc.update("update projects set llm_providers = '{retired-key}' where id = ?", broken);
        Instant due = nextMidnightAfter(CLOCK.instant());

        CLOCK.set(due.plusSeconds(1));
        awaitProject(healthy, p -> !p.get("lastRunAt").isNull());
        JsonNode skipped = awaitProject(broken, p -> instant(p, "nextRunAt").isAfter(due));

        assertThat(jobsOf(healthy)).hasSize(1);
        assertThat(jobsOf(broken)).isEmpty();
        assertThat(skipped.get("lastRunAt").isNull()).isTrue();
        assertThat(instant(skipped, "nextRunAt")).isEqualTo(due.plus(Duration.ofDays(1)));
        assertThat(runsOf(broken)).singleElement().satisfies(run -> {
            assertThat(run.get("run_id")).isNull();
            assertThat((String) run.get("failure")).contains("cached_jobs_ai_models_check");
        });
    }

    @Test
    void aRunWhoseGuardRowIsThereAlreadyIsNotMadeAgain() {
        UUID project = id(create(Map.of("name", "Guarded", "recurrence", "daily")));
        createQueries(organisation, project, "guarded", "en", "US");
        Instant due = nextMidnightAfter(CLOCK.instant());
        // As if another instance had made this run and its next run had not moved on.
        jdbc.update(
                "insert into project_runs (project_id, scheduled_for, run_id, jobs, created_at) values (?, ?, ?, 0, now())",
                project,
                Timestamp.from(due),
                UUID.randomUUID());

        CLOCK.set(due.plusSeconds(1));
        JsonNode moved = awaitProject(project, p -> instant(p, "nextRunAt").isAfter(due));

        assertThat(instant(moved, "nextRunAt")).isEqualTo(due.plus(Duration.ofDays(1)));
        assertThat(moved.get("lastRunAt").isNull()).isTrue();
        assertThat(jobsOf(project)).isEmpty();
        assertThat(runsOf(project)).hasSize(1);
    }

    @Test
    void aPatchOfTheScheduleMovesNextRunAtAndNoOtherPatchDoes() {
        UUID project = id(create(Map.of("name", "Patched", "recurrence", "weekly")));
        // Next Monday 05:00 UTC: 06:00 or 07:00 in Brussels, before 09:00 there.
        LocalDate monday =
                LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        CLOCK.set(monday.atTime(5, 0).toInstant(ZoneOffset.UTC));
        ZoneId brussels = ZoneId.of("Europe/Brussels");

        JsonNode cron = patch(project, Map.of("recurrence", "0 9 * * *", "recurrenceTimezone", "Europe/Brussels"));
        assertThat(instant(cron, "nextRunAt"))
                .isEqualTo(monday.atTime(9, 0).atZone(brussels).toInstant());
        assertThat(patch(project, Map.of("name", "Renamed", "recurrence", "0 9 * * *"))
                        .get("nextRunAt"))
                .isEqualTo(cron.get("nextRunAt"));

        assertThat(patch(project, Map.of("recurrenceStatus", "paused"))
                        .get("nextRunAt")
                        .isNull())
                .isTrue();
        CLOCK.set(monday.atTime(12, 0).toInstant(ZoneOffset.UTC));
        // Resumed after 09:00: that run is not made up, the next is Tuesday's.
        assertThat(instant(patch(project, Map.of("recurrenceStatus", "active")), "nextRunAt"))
                .isEqualTo(monday.plusDays(1).atTime(9, 0).atZone(brussels).toInstant());
        assertThat(instant(patch(project, Map.of("recurrenceTimezone", "Asia/Tokyo")), "nextRunAt"))
                .isEqualTo(monday.plusDays(1)
                        .atTime(9, 0)
                        .atZone(ZoneId.of("Asia/Tokyo"))
                        .toInstant());
        assertThat(patch(project, Map.of("recurrence", "manual"))
                        .get("nextRunAt")
                        .isNull())
                .isTrue();
        assertThat(jobsOf(project)).isEmpty();
    }

    @Test
    void aProjectMadeBeforeNextRunsWereStoredIsGivenOne() {
        UUID project = id(create(Map.of("name", "Older", "recurrence", "monthly")));
        // As a project stored before next runs were: the recurrence task, running meanwhile, may
        // give it one at any moment after this (so no read of the null in between).
        assertThat(jdbc.update("update projects set next_run_at = null where id = ?", project))
                .isEqualTo(1);

        JsonNode scheduled = awaitProject(project, p -> !p.get("nextRunAt").isNull());

        LocalDate today = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC);
        assertThat(instant(scheduled, "nextRunAt"))
                .isEqualTo(today.withDayOfMonth(1)
                        .plusMonths(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant());
    }

    private static Instant nextMidnightAfter(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    private JsonNode create(Map<String, Object> body) {
        Api.Response created =
                api.post("/api/projects").organisation(organisation).json(body).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private JsonNode patch(UUID project, Map<String, Object> body) {
        Api.Response patched = api.method("PATCH", "/api/projects/" + project)
                .organisation(organisation)
                .json(body)
                .send();
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        return patched.json();
    }

    private JsonNode get(UUID project) {
        return api.get("/api/projects/" + project)
                .organisation(organisation)
                .send()
                .json();
    }

    private static UUID id(JsonNode resource) {
        return UUID.fromString(resource.get("id").asString());
    }

    private static Instant instant(JsonNode resource, String field) {
        return Instant.parse(resource.get(field).asString());
    }

    private List<JsonNode> jobsOf(UUID project) {
        JsonNode page = api.post("/api/cached-jobs/list?limit=100")
                .scope(organisation, project)
                .body("{}")
                .send()
                .json();
        List<JsonNode> jobs = new ArrayList<>();
        page.get("results").forEach(jobs::add);
        return jobs;
    }

    private List<Map<String, Object>> runsOf(UUID project) {
        return jdbc.queryForList("select * from project_runs where project_id = ? order by scheduled_for", project);
    }

    /** The project once {@code done} holds, read over the API; fails after 30 s. */
    private JsonNode awaitProject(UUID project, Predicate<JsonNode> done) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode read;
        do {
            read = get(project);
            if (done.test(read)) {
                return read;
            }
            pause();
        } while (System.nanoTime() < until);
        throw new AssertionError("not done in 30 s: " + read);
    }

    /**
     * Waits for a whole round of the recurrence task that started after this call: the round that
     * ends first may have started before, the one after it cannot have.
     */
    private void awaitRound() {
        for (int round = 0; round < 2; round++) {
            Instant after = Instant.now();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!lastSuccess().isAfter(after)) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("No round of " + TASK + " ended in 30 s");
                }
                pause();
            }
        }
    }

    private Instant lastSuccess() {
        List<Timestamp> ended = jdbc.queryForList(
                "select last_success from scheduled_tasks where task_name = ? and last_success is not null",
                Timestamp.class,
                TASK);
        return ended.isEmpty() ? Instant.EPOCH : ended.get(0).toInstant();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
