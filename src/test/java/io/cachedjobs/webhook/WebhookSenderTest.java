package io.cachedjobs.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check made again before every attempt, and the address an attempt connects to: the one its
 * host was resolved to by the service's resolver, not another look-up.
 */
class WebhookSenderTest {

    static final WireMockServer RECEIVER =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeAll
    static void start() {
        RECEIVER.start();
        RECEIVER.stubFor(
                post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withBody("thanks")));
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop();
    }

    private static WebhookSender sender(boolean allowPrivate) {
        return new WebhookSender(
                new WebhookTargets(TestHosts.resolver(), allowPrivate), Duration.ofSeconds(5), Clock.systemUTC());
    }

    @Test
    void theConnectionGoesToTheAddressTheServicesResolverGave() throws Exception {
        // No name server knows this name: only the service's resolver does.
        TestHosts.resolve("receiver.test", "127.0.0.1");
        try (WebhookSender sender = sender(true)) {
            WebhookSender.Sent sent =
                    sender.send("http://receiver.test:" + RECEIVER.port() + "/hook", "id-1", 1L, "v1,x", "{}");

            assertThat(sent.delivered()).as(sent.toString()).isTrue();
            assertThat(sent.excerpt()).isEqualTo("thanks");
        }
        assertThat(Receiver.calls(RECEIVER, "/hook"))
                .anySatisfy(call -> assertThat(call.getHeader("Host")).startsWith("receiver.test"));
    }

    @ParameterizedTest(name = "{0} is refused when sent")
    @ValueSource(
            strings = {
                "https://rebound.example.com/hook",
                "https://127.0.0.1/hook",
                "https://[::1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://[fd00::1]/hook",
                "https://169.254.169.254/latest",
                "https://10.0.0.1/hook",
                "https://localhost/hook",
                "http://hooks.example.com/hook"
            })
    void aUrlThatNowResolvesToARefusedAddressIsNotCalled(String url) throws Exception {
        // Saved when it resolved to a public address; since then its name points at this machine.
        TestHosts.resolve("rebound.example.com", "127.0.0.1");
        int before = RECEIVER.getAllServeEvents().size();
        try (WebhookSender sender = sender(false)) {
            WebhookSender.Sent sent = sender.send(url, "id-2", 1L, "v1,x", "{}");

            assertThat(sent.delivered()).isFalse();
            assertThat(sent.status()).isNull();
            assertThat(sent.error()).isEqualTo("address-refused");
            assertThat(sent.excerpt()).isNotBlank();
        }
        assertThat(RECEIVER.getAllServeEvents()).hasSize(before);
    }
}
