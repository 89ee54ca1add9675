package io.cachedjobs.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.LocalWebhookReceiver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The local run's receiver: it verifies our signatures with the secret it is given, and prints each call. */
class WebhookLocalReceiverTest {

    private static int post(LocalWebhookReceiver receiver, String secret, String body) throws Exception {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.baseUrl() + "/hooks"))
                .header("webhook-id", "event-1")
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignatures.sign(secret, "event-1", timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void itVerifiesOurSignatureWithTheSecretItWasGivenAndPrintsTheCall() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String secret = WebhookSignatures.newSecret();
        String body = "{\"type\":\"run.completed\",\"data\":{\"jobs\":12}}";
        try (LocalWebhookReceiver receiver =
                LocalWebhookReceiver.start(0, new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            assertThat(post(receiver, secret, body)).isEqualTo(202);
            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(receiver.baseUrl() + "/secret"))
                                    .PUT(HttpRequest.BodyPublishers.ofString(secret))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());

            assertThat(post(receiver, secret, body)).isEqualTo(204);
            assertThat(post(receiver, WebhookSignatures.newSecret(), body)).isEqualTo(401);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("not verified (no secret given", "signature verified", "SIGNATURE NOT VERIFIED");
        assertThat(output).contains(body);
    }
}
