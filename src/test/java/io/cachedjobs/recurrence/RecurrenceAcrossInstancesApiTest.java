package io.cachedjobs.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.AtOnce;
import io.cachedjobs.support.Instances;
import io.cachedjobs.support.TestClock;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the service, both with the runner on, on one PostgreSQL of their own and one
 * {@link TestClock}: each due run is made once, whichever instance makes it, even when both look
 * for due projects at the same moment (their runner tasks, and rounds called on each at once).
 */
class RecurrenceAcrossInstancesApiTest {

    private static final int PROJECTS = 12;
    private static final TestClock CLOCK = new TestClock();

    private static Instances instances;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws IOException {
        instances = Instances.onTheirOwnDatabase();
        first = instance();
        second = instance();
    }

    @AfterAll
    static void stop() throws IOException {
        instances.close();
    }

    private static ConfigurableApplicationContext instance() {
        return instances.start(
                // Before the configuration is read: RunnerConfiguration's clock is for when none is given.
                context -> context.getBeanFactory().registerSingleton("testClock", CLOCK),
                List.of(
                        "--cachedjobs.runner.enabled=true",
                        "--cachedjobs.runner.recurrence-interval=100ms",
                        "--cachedjobs.runner.polling-interval=100ms",
                        // The jobs stay as the trigger made them.
                        "--cachedjobs.runner.start-interval=1h"));
    }

    @Test
    void eachDueRunIsMadeOnceWhenTwoInstancesLookForDueProjectsAtOnce() {
        assertThat(first.getBean(Clock.class)).isSameAs(CLOCK);
        Api api = Instances.api(first);
        UUID organisation = api.createOrganisation("Two instances");
        List<UUID> projects = new ArrayList<>();
        for (int i = 0; i < PROJECTS; i++) {
            UUID project = UUID.fromString(api.post("/api/projects")
                    .organisation(organisation)
                    .json(Map.of("name", "Brand " + i, "recurrence", "daily"))
                    .send()
                    .json()
                    .get("id")
                    .asString());
            api.post("/api/queries")
                    .scope(organisation, project)
                    .json(Map.of("query", "shared " + i, "language", "en", "country", "US"))
                    .send();
            projects.add(project);
        }
        Instant due = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC)
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();

        CLOCK.set(due.plusSeconds(1));
        List<ProjectRunService> services =
                List.of(first.getBean(ProjectRunService.class), second.getBean(ProjectRunService.class));
        AtomicInteger turn = new AtomicInteger();
        List<ProjectRunService.ProjectRun> madeHere =
                AtOnce.run(4, 1, () -> services.get(turn.getAndIncrement() % 2).runDue(CLOCK.instant())).stream()
                        .flatMap(List::stream)
                        .toList();

        JdbcTemplate jdbc = instances.jdbc();
        awaitAllRan(jdbc, organisation);
        assertThat(madeHere)
                .allSatisfy(run -> assertThat(run.outcome()).isEqualTo(ProjectRunService.Outcome.TRIGGERED))
                .extracting(run -> run.due().projectId())
                .doesNotHaveDuplicates();
        for (UUID project : projects) {
            assertThat(jdbc.queryForList("select run_id from cached_jobs where project_id = ?", UUID.class, project))
                    .as("jobs of " + project)
                    .hasSize(1)
                    .containsExactlyElementsOf(jdbc.queryForList(
                            "select run_id from project_runs where project_id = ? and scheduled_for = ?",
                            UUID.class,
                            project,
                            Timestamp.from(due)));
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from projects where organisation_id = ? and next_run_at = ?",
                        Integer.class,
                        organisation,
                        Timestamp.from(due.plus(Duration.ofDays(1)))))
                .isEqualTo(PROJECTS);
    }

    private static void awaitAllRan(JdbcTemplate jdbc, UUID organisation) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.queryForObject(
                        "select count(*) from projects where organisation_id = ? and last_run_at is null",
                        Integer.class,
                        organisation)
                > 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Not every project ran in 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
