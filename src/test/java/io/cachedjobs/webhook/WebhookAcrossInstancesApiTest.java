package io.cachedjobs.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.Instances;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances of the service, both sending webhooks, on one PostgreSQL of their own: each
 * delivery is sent by one of them, once, whichever publishes it and whichever sends it.
 */
class WebhookAcrossInstancesApiTest {

    private static final int EVENTS = 30;

    private static Instances instances;
    private static WireMockServer receiver;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws IOException {
        instances = Instances.onTheirOwnDatabase();
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        // Slow enough for both instances' workers to be busy at once.
        receiver.stubFor(post(urlEqualTo("/shared"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(100)));
        List<String> arguments = List.of(
                "--cachedjobs.runner.enabled=true",
                "--cachedjobs.runner.workers=3",
                "--cachedjobs.runner.polling-interval=100ms");
        first = instances.start(arguments);
        second = instances.start(arguments);
    }

    @AfterAll
    static void stop() throws IOException {
        instances.close();
        receiver.stop();
    }

    @Test
    void eachDeliveryIsSentOnceWhenTwoInstancesShareTheWork() throws Exception {
        Api one = Instances.api(first);
        Api other = Instances.api(second);
        UUID organisation = one.createOrganisation("Two instances");
        other.remember(organisation, one.keyOf(organisation));
        String webhook = one.post("/api/webhooks")
                .organisation(organisation)
                .json(Map.of("url", receiver.baseUrl() + "/shared", "events", List.of("run.completed")))
                .send()
                .json()
                .get("id")
                .asString();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            Api publisher = i % 2 == 0 ? one : other;
            events.add(publisher
                    .post("/api/webhooks/" + webhook + "/test")
                    .organisation(organisation)
                    .send()
                    .json()
                    .get("eventId")
                    .asString());
        }

        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (delivered() < EVENTS && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(delivered()).isEqualTo(EVENTS);
        // Time for a second sending of any of them to show.
        Thread.sleep(1000);

        List<LoggedRequest> calls = Receiver.calls(receiver, "/shared");
        assertThat(calls).hasSize(EVENTS);
        assertThat(calls.stream().map(call -> call.getHeader("webhook-id")))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(events);
        assertThat(instances
                        .jdbc()
                        .queryForList("select count(*) from webhook_attempts group by delivery_id", Long.class))
                .hasSize(EVENTS)
                .containsOnly(1L);
    }

    private static int delivered() {
        Integer count = instances
                .jdbc()
                .queryForObject("select count(*) from webhook_deliveries where status = 'delivered'", Integer.class);
        return count == null ? 0 : count;
    }
}
