package io.cachedjobs.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.Api;
import io.cachedjobs.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The database goes away at the worst moments of a keyed call: while its answer is being kept, and
 * while its writes are being committed. The writes and the kept answer commit together or not at
 * all, so a retry with the key runs the call exactly once; and an answer never says "nothing was
 * changed" when it cannot know.
 */
class IdempotencyFaultApiTest extends ApiTest {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static final Map<String, Object> ONE_RUN = Map.of("aiModels", List.of("openai"), "executionCount", 1);

    UUID organisation;
    UUID project;

    @BeforeEach
    void project() {
        organisation = createOrganisation("Fault Org");
        project = createProject(organisation, "Brand");
        createQueries(organisation, project, "q1", "en", "US", "q2", "fr", "FR");
    }

    private Supplier<Api.Response> createTag(String key, String name) {
        return () -> {
            Api.Request request =
                    api.post("/api/tags").scope(organisation, project).json(Map.of("name", name, "color", "#123456"));
            return (key == null ? request : request.header(KEY, key)).send();
        };
    }

    private Supplier<Api.Response> trigger(String key) {
        return () -> api.post("/api/cached-jobs/trigger")
                .scope(organisation, project)
                .header(KEY, key)
                .json(ONE_RUN)
                .send();
    }

    private int tags(String name) {
        Integer count = jdbc.queryForObject(
                "select count(*) from tags where project_id = ? and name = ?", Integer.class, project, name);
        return count == null ? 0 : count;
    }

    @Test
    void aKeyedCallWhoseAnswerCannotBeKeptWritesNothingAndItsRetryRunsOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        try (AutoCloseable fault = databaseGoneWhileKeeping(key)) {
            JsonNode problem = assertProblem(createTag(key, "Kept with it").get(), 503);
            assertThat(problem.get("detail").asString()).contains("nothing was changed");
        }
        assertThat(tags("Kept with it")).isZero();

        Api.Response retried = createTag(key, "Kept with it").get();
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header(REPLAYED)).isNull();
        Api.Response again = createTag(key, "Kept with it").get();
        assertThat(again.header(REPLAYED)).isEqualTo("true");
        assertThat(again.body()).isEqualTo(retried.body());
        assertThat(tags("Kept with it")).isEqualTo(1);
    }

    @Test
    void aKeyedTriggerWhoseAnswerCannotBeKeptWritesNoJobAndItsRetryRunsOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        try (AutoCloseable fault = databaseGoneWhileKeeping(key)) {
            JsonNode problem = assertProblem(trigger(key).get(), 503);
            assertThat(problem.get("detail").asString()).contains("nothing was changed");
        }
        assertThat(count("cached_jobs", "project_id", project)).isZero();

        Api.Response retried = trigger(key).get();
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.header(REPLAYED)).isNull();
        assertThat(retried.json()).hasSize(2);
        // The replay reads the jobs again, and finds them as they were answered.
        Api.Response again = trigger(key).get();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header(REPLAYED)).isEqualTo("true");
        assertThat(again.body()).isEqualTo(retried.body());
        assertThat(count("cached_jobs", "project_id", project)).isEqualTo(2);
    }

    @Test
    void aCommitWhoseOutcomeIsLostIsNotAnsweredAsNothingChangedAndTheKeyedRetryWritesOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        try (AutoCloseable fault = databaseGoneWhileCommitting("Lost commit")) {
            for (Api.Response lost : List.of(
                    createTag(key, "Lost commit").get(),
                    createTag(null, "Lost commit").get())) {
                String detail = assertProblem(lost, 503).get("detail").asString();
                assertThat(detail).contains("may be stored").doesNotContain("nothing was changed");
            }
        }
        // (The commit did not land, as the database knows; the service could not.)
        assertThat(tags("Lost commit")).isZero();

        Api.Response retried = createTag(key, "Lost commit").get();
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(createTag(key, "Lost commit").get().header(REPLAYED)).isEqualTo("true");
        assertThat(tags("Lost commit")).isEqualTo(1);
    }

    @Test
    void aKeyedTriggerStreamsItsAnswerInsteadOfHoldingIt() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            entries.addAll(List.of("streamed query number " + i, "en", "US"));
        }
        createQueries(organisation, project, entries.toArray(String[]::new));

        Api.Response keyed = trigger(UUID.randomUUID().toString()).get();

        assertThat(keyed.status()).isEqualTo(201);
        assertThat(keyed.json()).hasSize(62);
        assertThat(keyed.body().length()).isGreaterThan(16 * 1024);
        // An answer held whole goes out with its length; a streamed one in chunks as it is written.
        assertThat(keyed.header("Content-Length")).isNull();
    }

    /**
     * Until closed, the database connection that keeps the answer to {@code key} dies in that
     * statement: the database goes away between the call's work and its answer.
     */
    private AutoCloseable databaseGoneWhileKeeping(String key) {
        String name = "gone_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("create function " + name + "() returns trigger language plpgsql as $$ begin"
                + " if new.idempotency_key = '" + key + "' and new.status is not null then"
                + " perform pg_terminate_backend(pg_backend_pid()); perform pg_sleep(10); end if;"
                + " return new; end $$");
        jdbc.execute("create trigger " + name + " before update on idempotency_keys for each row execute function "
                + name + "()");
        return () -> {
            jdbc.execute("drop trigger " + name + " on idempotency_keys");
            jdbc.execute("drop function " + name + "()");
        };
    }

    /**
     * Until closed, the connection that commits a tag named {@code tag} dies during the commit (a
     * deferred trigger runs then): the service cannot know whether the commit landed.
     */
    private AutoCloseable databaseGoneWhileCommitting(String tag) {
        String name = "gone_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("create function " + name + "() returns trigger language plpgsql as $$ begin"
                + " if new.name = '" + tag + "' then"
                + " perform pg_terminate_backend(pg_backend_pid()); perform pg_sleep(10); end if;"
                + " return null; end $$");
        jdbc.execute("create constraint trigger " + name + " after insert on tags deferrable initially deferred"
                + " for each row execute function " + name + "()");
        return () -> {
            jdbc.execute("drop trigger " + name + " on tags");
            jdbc.execute("drop function " + name + "()");
        };
    }
}
