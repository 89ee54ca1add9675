package io.cachedjobs.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.RunningApiTest;
import io.cachedjobs.support.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Deliveries sent by the runner to real local receivers (WireMock), the service's time a
 * {@link TestClock}: the headers and signatures, the retry schedule and Retry-After, a 410, failing
 * for days, rotation, time-outs, redelivery. A delivery's next attempt is made due by the test
 * (its task brought to now) once the clock is moved to it, instead of waiting for it.
 */
@TestPropertySource(properties = {"cachedjobs.webhooks.timeout=5s", "cachedjobs.webhooks.max-retry-after=2h"})
@Import(WebhookDeliveryApiTest.Time.class)
class WebhookDeliveryApiTest extends RunningApiTest {

    static final TestClock CLOCK = new TestClock();
    static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());
    static final Duration WITHIN = Duration.ofSeconds(20);

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {

        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @BeforeAll
    static void startReceiver() {
        RECEIVER.start();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    UUID organisation;

    @BeforeEach
    void organisation() {
        organisation = createOrganisation("Delivery Org");
        // A day ahead of the scheduler's clock: a retry is sent only when the test makes it due.
        Instant ahead = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(1));
        if (ahead.isAfter(CLOCK.instant())) {
            CLOCK.set(ahead);
        }
    }

    /** An endpoint at {@code path} of the receiver, answering {@code answer}; its id and secret. */
    private String[] endpoint(String path, ResponseDefinitionBuilder answer) {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(answer));
        JsonNode made = api.post("/api/webhooks")
                .organisation(organisation)
                .json(Map.of("url", RECEIVER.baseUrl() + path, "events", List.of("run.completed")))
                .send()
                .json();
        return new String[] {made.get("id").asString(), made.get("secret").asString()};
    }

    private JsonNode test(String endpoint) {
        Api.Response test = api.post("/api/webhooks/" + endpoint + "/test")
                .organisation(organisation)
                .send();
        assertThat(test.status()).as(test.body()).isEqualTo(202);
        makeDue(test.json().get("id").asString());
        return test.json();
    }

    /**
     * Brings the delivery's task to now, should it wait: the clock moved on by earlier tests may be
     * ahead of the scheduler's, which decides when a task is due.
     */
    private void makeDue(String delivery) {
        jdbc.update(
                "update scheduled_tasks set execution_time = now() where task_name = 'webhook-delivery'"
                        + " and task_instance = ? and not picked and execution_time > now()",
                delivery);
    }

    private JsonNode delivery(String endpoint, String delivery) {
        JsonNode page = api.get("/api/webhooks/" + endpoint + "/deliveries?limit=100")
                .organisation(organisation)
                .send()
                .json();
        for (JsonNode one : page.get("results")) {
            if (one.get("id").asString().equals(delivery)) {
                return one;
            }
        }
        throw new AssertionError("no delivery " + delivery + " in " + page);
    }

    /** The delivery once {@code condition} holds, asked every 100 ms. */
    private JsonNode await(String endpoint, String delivery, Predicate<JsonNode> condition) {
        long until = System.nanoTime() + WITHIN.toNanos();
        JsonNode found;
        do {
            found = delivery(endpoint, delivery);
            if (condition.test(found)) {
                return found;
            }
            pause(100);
        } while (System.nanoTime() < until);
        throw new AssertionError("delivery not as expected in " + WITHIN.toSeconds() + " s: " + found);
    }

    private JsonNode attempted(String endpoint, String delivery, int attempts) {
        return await(
                endpoint,
                delivery,
                d -> d.get("attemptCount").asInt() >= attempts
                        && (d.get("status").asString().equals("pending")
                                ? !d.get("nextAttemptAt").isNull()
                                : true)
                        && taskSettled(delivery));
    }

    /** The delivery's task is rescheduled (or gone): no worker holds it. */
    private boolean taskSettled(String delivery) {
        Integer picked = jdbc.queryForObject(
                "select count(*) from scheduled_tasks where task_name = 'webhook-delivery' and task_instance = ?"
                        + " and picked",
                Integer.class,
                delivery);
        return picked != null && picked == 0;
    }

    /** Moves the clock to the delivery's next attempt and makes its task due now. */
    private void dueNow(String delivery, Instant next) {
        CLOCK.set(next);
        int updated = jdbc.update(
                "update scheduled_tasks set execution_time = now() where task_name = 'webhook-delivery'"
                        + " and task_instance = ? and not picked",
                delivery);
        assertThat(updated).as("the task of " + delivery + " waiting").isEqualTo(1);
    }

    private static Instant instant(JsonNode node, String field) {
        return Instant.parse(node.get(field).asString());
    }

    @Test
    void aDeliveryIsAPostWithTheStandardHeadersSignedAndItsAttemptIsListed() throws Exception {
        String[] endpoint = endpoint("/signed", aResponse().withStatus(204));
        JsonNode delivery = test(endpoint[0]);

        JsonNode delivered = await(
                endpoint[0],
                delivery.get("id").asString(),
                d -> d.get("status").asString().equals("delivered"));

        List<LoggedRequest> calls = Receiver.calls(RECEIVER, "/signed");
        assertThat(calls)
                .as(delivered.toString() + jdbc.queryForList("select * from webhook_attempts"))
                .hasSize(1);
        LoggedRequest call = calls.get(0);
        assertThat(call.getHeader("webhook-id"))
                .isEqualTo(delivery.get("eventId").asString());
        assertThat(call.getHeader("webhook-timestamp"))
                .isEqualTo(Long.toString(CLOCK.instant().getEpochSecond()));
        assertThat(call.getHeader("webhook-signature")).startsWith("v1,").doesNotContain(" ");
        assertThat(call.getHeader("Content-Type")).startsWith("application/json");
        assertThat(Receiver.signedBy(call, endpoint[1])).isTrue();
        assertThat(Receiver.signedBy(call, WebhookSignatures.newSecret())).isFalse();
        JsonNode body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(call.getBodyAsString());
        assertThat(body.get("type").asString()).isEqualTo("webhook.test");
        assertThat(body.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(body.get("timestamp").asString())).isEqualTo(CLOCK.instant());
        assertThat(body.at("/data/webhookId").asString()).isEqualTo(endpoint[0]);
        assertThat(delivered.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(delivered.get("nextAttemptAt").isNull()).isTrue();
        JsonNode attempt = delivered.get("attempts").get(0);
        assertThat(attempt.get("delivered").asBoolean()).isTrue();
        assertThat(attempt.get("responseStatus").asInt()).isEqualTo(204);
        assertThat(attempt.get("error").isNull()).isTrue();
    }

    @Test
    void aFailingDeliveryIsRetriedOnTheSpecificationsScheduleWithTheSameIdThenGivenUp() {
        String[] endpoint = endpoint("/failing", aResponse().withStatus(500).withBody("x".repeat(5000)));
        Instant start = CLOCK.instant();
        String delivery = test(endpoint[0]).get("id").asString();
        // Standard Webhooks' example: at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h later.
        List<Duration> waits = List.of(
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                Duration.ofHours(5),
                Duration.ofHours(10),
                Duration.ofHours(14),
                Duration.ofHours(20),
                Duration.ofHours(24));
        Instant expected = start;
        for (int attempt = 1; attempt <= waits.size(); attempt++) {
            JsonNode pending = attempted(endpoint[0], delivery, attempt);
            assertThat(pending.get("status").asString()).isEqualTo("pending");
            assertThat(instant(pending.get("attempts").get(0), "attemptedAt")).isEqualTo(expected);
            expected = expected.plus(waits.get(attempt - 1));
            assertThat(instant(pending, "nextAttemptAt"))
                    .as("after attempt " + attempt)
                    .isEqualTo(expected);
            dueNow(delivery, expected);
        }
        JsonNode given = attempted(endpoint[0], delivery, 10);

        // 51:35:05 + 24 h: the last attempt, 75 h 35 min 5 s after the first
        assertThat(Duration.between(start, expected)).isEqualTo(Duration.parse("PT75H35M5S"));
        assertThat(given.get("status").asString()).isEqualTo("failed");
        assertThat(given.get("failure").asString()).isEqualTo("retries-spent");
        assertThat(given.get("attempts")).hasSize(10).allSatisfy(attempt -> {
            assertThat(attempt.get("responseStatus").asInt()).isEqualTo(500);
            assertThat(attempt.get("excerpt").asString()).hasSize(200);
        });
        List<LoggedRequest> calls = Receiver.calls(RECEIVER, "/failing");
        assertThat(calls).hasSize(10);
        assertThat(calls.stream().map(call -> call.getHeader("webhook-id")).distinct())
                .hasSize(1);
        assertThat(calls.stream().map(LoggedRequest::getBodyAsString).distinct())
                .hasSize(1);
        assertThat(calls.stream()
                        .map(call -> call.getHeader("webhook-timestamp"))
                        .distinct())
                .hasSize(10);
        // Three days of failures are not the five that disable an endpoint.
        assertThat(api.get("/api/webhooks/" + endpoint[0])
                        .organisation(organisation)
                        .send()
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aRetryAfterLongerThanTheScheduleIsHonouredUpToItsCapAndAShorterOneChangesNothing() {
        String[] endpoint = endpoint("/busy", aResponse().withStatus(429).withHeader("Retry-After", "3600"));
        String delivery = test(endpoint[0]).get("id").asString();
        Instant first = CLOCK.instant();

        JsonNode waiting = attempted(endpoint[0], delivery, 1);
        assertThat(instant(waiting, "nextAttemptAt")).isEqualTo(first.plus(Duration.ofHours(1)));

        RECEIVER.stubFor(post(urlEqualTo("/busy"))
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "86400000")));
        Instant second = first.plus(Duration.ofHours(1));
        dueNow(delivery, second);
        JsonNode capped = attempted(endpoint[0], delivery, 2);
        assertThat(instant(capped, "nextAttemptAt")).isEqualTo(second.plus(Duration.ofHours(2)));

        RECEIVER.stubFor(
                post(urlEqualTo("/busy")).willReturn(aResponse().withStatus(502).withHeader("Retry-After", "1")));
        Instant third = second.plus(Duration.ofHours(2));
        dueNow(delivery, third);
        JsonNode scheduled = attempted(endpoint[0], delivery, 3);
        assertThat(instant(scheduled, "nextAttemptAt")).isEqualTo(third.plus(Duration.ofMinutes(30)));
        assertThat(scheduled.get("attempts").get(0).get("responseStatus").asInt())
                .isEqualTo(502);
    }

    @Test
    void a410DisablesTheEndpointAtOnceAndItsOtherDeliveriesAreNotSent() {
        String[] endpoint = endpoint("/gone", aResponse().withStatus(410));
        String first = test(endpoint[0]).get("id").asString();

        JsonNode gone =
                await(endpoint[0], first, d -> d.get("status").asString().equals("failed"));

        assertThat(gone.get("failure").asString()).isEqualTo("gone");
        assertThat(gone.get("attemptCount").asInt()).isEqualTo(1);
        JsonNode webhook = api.get("/api/webhooks/" + endpoint[0])
                .organisation(organisation)
                .send()
                .json();
        assertThat(webhook.get("enabled").asBoolean()).isFalse();
        assertThat(webhook.get("disabledReason").asString()).contains("410 Gone");
        assertThat(Receiver.calls(RECEIVER, "/gone")).hasSize(1);
        assertProblem(
                api.post("/api/webhooks/" + endpoint[0] + "/test")
                        .organisation(organisation)
                        .send(),
                409);
    }

    @Test
    void anEndpointWhoseAttemptsFailForFiveDaysIsDisabledAndSaysWhy() {
        String[] endpoint = endpoint("/down", aResponse().withStatus(503));
        String first = test(endpoint[0]).get("id").asString();
        attempted(endpoint[0], first, 1);
        String second = test(endpoint[0]).get("id").asString();
        JsonNode waiting = attempted(endpoint[0], second, 1);
        assertThat(api.get("/api/webhooks/" + endpoint[0])
                        .organisation(organisation)
                        .send()
                        .json()
                        .get("enabled")
                        .asBoolean())
                .isTrue();

        dueNow(second, CLOCK.instant().plus(Duration.ofDays(5)));
        JsonNode last =
                await(endpoint[0], second, d -> d.get("status").asString().equals("failed"));

        assertThat(last.get("failure").asString()).isEqualTo("endpoint-disabled");
        JsonNode webhook = api.get("/api/webhooks/" + endpoint[0])
                .organisation(organisation)
                .send()
                .json();
        assertThat(webhook.get("enabled").asBoolean()).isFalse();
        assertThat(webhook.get("disabledReason").asString()).contains("Every attempt failed");
        assertThat(webhook.get("disabledAt").isNull()).isFalse();
        // Its other delivery, due later, is not sent: its endpoint is disabled.
        int calls = Receiver.calls(RECEIVER, "/down").size();
        dueNow(first, CLOCK.instant());
        JsonNode skipped =
                await(endpoint[0], first, d -> d.get("status").asString().equals("failed"));
        assertThat(skipped.get("failure").asString()).isEqualTo("endpoint-disabled");
        assertThat(Receiver.calls(RECEIVER, "/down")).hasSize(calls);
        assertThat(waiting.get("status").asString()).isEqualTo("pending");
    }

    @Test
    void afterARotationBothSecretsSignFor24HoursThenOnlyTheNewOne() throws Exception {
        String[] endpoint = endpoint("/rotated", aResponse().withStatus(200).withBody("ok"));
        String newSecret = api.post("/api/webhooks/" + endpoint[0] + "/rotate-secret")
                .organisation(organisation)
                .send()
                .json()
                .get("secret")
                .asString();

        String during = test(endpoint[0]).get("id").asString();
        await(endpoint[0], during, d -> d.get("status").asString().equals("delivered"));
        LoggedRequest both = Receiver.calls(RECEIVER, "/rotated").get(0);
        assertThat(both.getHeader("webhook-signature").split(" ")).hasSize(2);
        assertThat(Receiver.signedBy(both, newSecret)).isTrue();
        assertThat(Receiver.signedBy(both, endpoint[1])).isTrue();

        CLOCK.advance(Duration.ofHours(24).plusSeconds(1));
        String after = test(endpoint[0]).get("id").asString();
        JsonNode delivered =
                await(endpoint[0], after, d -> d.get("status").asString().equals("delivered"));
        LoggedRequest one = Receiver.calls(RECEIVER, "/rotated").get(1);
        assertThat(one.getHeader("webhook-signature").split(" ")).hasSize(1);
        assertThat(Receiver.signedBy(one, newSecret)).isTrue();
        assertThat(Receiver.signedBy(one, endpoint[1])).isFalse();
        assertThat(delivered.get("attempts").get(0).get("excerpt").asString()).isEqualTo("ok");
        assertThat(api.get("/api/webhooks/" + endpoint[0])
                        .organisation(organisation)
                        .send()
                        .json()
                        .get("previousSecretExpiresAt")
                        .isNull())
                .isTrue();
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsATimeOutRetriedAndARedeliveryResendsTheSameEvent() throws Exception {
        String[] endpoint = endpoint("/slow", aResponse().withStatus(200).withFixedDelay(12000));
        JsonNode test = test(endpoint[0]);
        String delivery = test.get("id").asString();

        JsonNode timedOut = attempted(endpoint[0], delivery, 1);

        JsonNode attempt = timedOut.get("attempts").get(0);
        assertThat(attempt.get("error").asString()).isEqualTo("timeout");
        assertThat(attempt.get("responseStatus").isNull()).isTrue();
        assertThat(attempt.get("durationMs").asInt()).as(attempt.toString()).isBetween(4900, 11900);
        assertThat(timedOut.get("status").asString()).isEqualTo("pending");

        RECEIVER.stubFor(post(urlEqualTo("/slow")).willReturn(aResponse().withStatus(200)));
        Api.Response redelivered = api.post("/api/webhooks/" + endpoint[0] + "/deliveries/" + delivery + "/redeliver")
                .organisation(organisation)
                .send();
        assertThat(redelivered.status()).as(redelivered.body()).isEqualTo(202);
        makeDue(delivery);
        JsonNode delivered =
                await(endpoint[0], delivery, d -> d.get("status").asString().equals("delivered"));
        assertThat(delivered.get("attemptCount").asInt()).isEqualTo(2);

        Api.Response again = api.post("/api/webhooks/" + endpoint[0] + "/deliveries/" + delivery + "/redeliver")
                .organisation(organisation)
                .send();
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        makeDue(delivery);
        await(
                endpoint[0],
                delivery,
                d -> d.get("attemptCount").asInt() == 3
                        && d.get("status").asString().equals("delivered"));
        List<LoggedRequest> calls = Receiver.calls(RECEIVER, "/slow");
        assertThat(calls).hasSize(3);
        assertThat(calls)
                .allSatisfy(call -> assertThat(call.getHeader("webhook-id"))
                        .isEqualTo(test.get("eventId").asString()));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
