package io.cachedjobs.cachedjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trigger commits its jobs, then streams them back: the first thousand as its write returned
 * them, the others read back a chunk at a time. These tests break the read-back after the commit
 * (the reader is held on a table lock, then its connection is terminated) and check that the answer
 * never looks whole, and that a retry with the same Idempotency-Key reads the jobs again instead of
 * creating them again.
 */
class TriggerAnswerLostApiTest extends ApiTest {

    private static final String BODY = "{\"aiModels\":[\"openai\"],\"executionCount\":1}";
    private static final String READ_BACK = "SELECT id, project_id, query_id, query_text%";
    private static final int QUERIES = 2500;

    UUID organisation;
    UUID project;

    @BeforeEach
    void projectOfManyQueries() {
        organisation = createOrganisation("Answer lost");
        project = createProject(organisation, "Brand");
        for (int from = 0; from < QUERIES; from += 1000) {
            List<String> entries = new ArrayList<>();
            for (int i = from; i < Math.min(QUERIES, from + 1000); i++) {
                entries.addAll(List.of("query number " + i + " " + "x".repeat(40), "en", "US"));
            }
            createQueries(organisation, project, entries.toArray(String[]::new));
        }
    }

    @Test
    void aReadBackFailingMidAnswerBreaksTheAnswerInsteadOfClosingIt() throws Exception {
        // With or without a key the answer is streamed: the write's own thousand jobs went out first.
        for (String key : new String[] {null, "lost-" + UUID.randomUUID()}) {
            Object answer = triggerFailingReadBack(0, key);

            if (answer instanceof Api.Response response) {
                // Whatever came through must not read as a whole answer: the array is never closed,
                // and no problem is appended to it.
                assertThat(response.body()).doesNotContain("}]").doesNotContain("problem");
            } else {
                assertThat(answer).isInstanceOf(RuntimeException.class);
            }
        }
        assertThat(count("cached_jobs", "project_id", project)).isEqualTo(2 * QUERIES);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAfterALostAnswerReadsTheJobsAgainAndCreatesNothingMore() throws Exception {
        String key = "lost-" + UUID.randomUUID();
        Object broken = triggerFailingReadBack(1, key);
        if (broken instanceof Api.Response response) {
            assertThat(response.body()).doesNotContain("}]");
        }

        Api.Response retry = trigger(key).send();

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        List<String> ids = new ArrayList<>();
        retry.json().forEach(job -> ids.add(job.get("id").asString()));
        assertThat(ids)
                .hasSize(QUERIES)
                .isSorted()
                .containsExactlyElementsOf(jdbc.queryForList(
                        "select id::text from cached_jobs where project_id = ? order by id", String.class, project));
        assertThat(count("cached_jobs", "project_id", project)).isEqualTo(QUERIES);
    }

    private Api.Request trigger(String idempotencyKey) {
        Api.Request request = api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .body(BODY);
        return idempotencyKey == null ? request : request.header("Idempotency-Key", idempotencyKey);
    }

    /**
     * Triggers, and fails the read-back of chunk {@code failAt} (from 0): ACCESS EXCLUSIVE locks on
     * cached_jobs, queued behind the insert, hold the reader at that chunk; then its connection is
     * terminated. Answers the response, or the client's exception for a broken one.
     */
    private Object triggerFailingReadBack(int failAt, String idempotencyKey) throws Exception {
        DataSource database = jdbc.getDataSource();
        Api.Request request = trigger(idempotencyKey);
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> {
            try {
                return request.send();
            } catch (RuntimeException e) {
                return e;
            }
        });
        try (Connection watch = database.getConnection();
                Connection first = database.getConnection();
                Connection second = database.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            waitFor(watch, "query like 'WITH written AS (INSERT%' and state = 'active'");
            Connection holding = first;
            Connection next = second;
            lock(holding); // granted once the insert commits, before the read-back
            for (int chunk = 0; chunk < failAt; chunk++) {
                waitFor(watch, "query like '" + READ_BACK + "' and wait_event_type = 'Lock'");
                Connection queuedOn = next;
                CompletableFuture<Void> queued = CompletableFuture.runAsync(() -> lock(queuedOn));
                waitFor(watch, "query like 'LOCK TABLE cached_jobs%' and wait_event_type = 'Lock'");
                holding.commit(); // the reader reads this chunk, then waits behind the queued lock
                queued.get(30, TimeUnit.SECONDS);
                next = holding;
                holding = queuedOn;
            }
            waitFor(watch, "query like '" + READ_BACK + "' and wait_event_type = 'Lock'");
            try (Statement statement = watch.createStatement()) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where query like '"
                        + READ_BACK + "' and wait_event_type = 'Lock'");
            }
            holding.commit();
        }
        return call.get(60, TimeUnit.SECONDS);
    }

    private static void lock(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE cached_jobs IN ACCESS EXCLUSIVE MODE");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitFor(Connection watch, String activity) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            try (Statement statement = watch.createStatement();
                    ResultSet rows =
                            statement.executeQuery("select count(*) from pg_stat_activity where " + activity)) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("timed out waiting for " + activity);
    }
}
