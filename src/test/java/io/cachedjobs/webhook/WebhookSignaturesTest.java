package io.cachedjobs.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our signatures, against the specification's published vector and its own Java library. */
class WebhookSignaturesTest {

    /**
     * The signing vector Standard Webhooks' libraries share, copied from
     * standard-webhooks/standard-webhooks, libraries/go/webhook_test.go, TestWebhookSign (the same
     * in libraries/csharp/StandardWebhooks.Tests/WebhookTest.cs, verifyWebhookSignWorks).
     */
    static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long VECTOR_TIMESTAMP = 1614265330L;
    static final String VECTOR_PAYLOAD = "{\"test\": 2432232314}";
    static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void theSpecificationsVectorIsSignedAsPublished() {
        assertThat(WebhookSignatures.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD))
                .isEqualTo(VECTOR_SIGNATURE);
        assertThat(WebhookSignatures.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP + 1, VECTOR_PAYLOAD))
                .isNotEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void aNewSecretIsWhsecAndTheBase64OfThirtyTwoRandomBytes() {
        String secret = WebhookSignatures.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSize(32);
        assertThat(WebhookSignatures.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void theStandardWebhooksLibraryVerifiesOurSignaturesWithEitherOfTwoSecrets() throws Exception {
        String current = WebhookSignatures.newSecret();
        String previous = WebhookSignatures.newSecret();
        long now = Instant.now().getEpochSecond();
        String body = "{\"type\":\"run.completed\",\"timestamp\":\"2026-11-30T10:00:00Z\",\"data\":{\"jobs\":2}}";
        String header = WebhookSignatures.header(List.of(current, previous), "01a2-event", now, body);

        assertThat(header.split(" "))
                .hasSize(2)
                .allSatisfy(signature -> assertThat(signature).startsWith("v1,"));
        Map<String, List<String>> headers = Map.of(
                "webhook-id", List.of("01a2-event"),
                "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(header));
        new Webhook(current).verify(body, headers);
        new Webhook(previous).verify(body, headers);
        assertThatThrownBy(() -> new Webhook(WebhookSignatures.newSecret()).verify(body, headers))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(current).verify(body + " ", headers))
                .isInstanceOf(WebhookVerificationException.class);
    }
}
