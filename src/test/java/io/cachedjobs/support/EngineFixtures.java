package io.cachedjobs.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The engines' answers the tests replay: {@code src/test/resources/engines/<engine>/<name>}. */
public final class EngineFixtures {

    private EngineFixtures() {}

    /**
     * The fixture at {@code path} under {@code engines/}, e.g. {@code anthropic/answer.json}, as UTF-8.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static String fixture(String path) {
        try (InputStream in = EngineFixtures.class.getResourceAsStream("/engines/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture engines/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer of {@code status} with a JSON {@code body}. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }
}
