package io.cachedjobs.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the tests' receivers got, and a check of its signatures made apart from the service's code. */
final class Receiver {

    private Receiver() {}

    static List<LoggedRequest> calls(WireMockServer receiver, String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    /**
     * Whether {@code call}'s {@code webhook-signature} holds a {@code v1} signature of its id,
     * timestamp and body by {@code secret}: the receiver's side, written from the specification.
     */
    static boolean signedBy(LoggedRequest call, String secret) throws Exception {
        String signed =
                call.getHeader("webhook-id") + "." + call.getHeader("webhook-timestamp") + "." + call.getBodyAsString();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected =
                "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        for (String signature : call.getHeader("webhook-signature").split(" ")) {
            if (java.security.MessageDigest.isEqual(
                    signature.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
