package io.cachedjobs.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.HttpHeaders;

/** The HTTP every adapter shares, against a local stub server: answers, waits, failures. */
class EngineHttpTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
    /** The engine: a local stub server, fresh for each test (the extension resets it). */
    @RegisterExtension
    static final WireMockExtension engine =
            WireMockExtension.newInstance().options(options().dynamicPort()).build();

    private static EngineHttp.Reply call(String path, Duration timeout) {
        EngineEndpoint endpoint = new EngineEndpoint(URI.create(engine.baseUrl()), "key", timeout);
        return EngineHttp.send(EngineHttp.client(endpoint).get().uri(path));
    }

    @Test
    void anAnswerOfAnyStatusIsReadWhole() {
        engine.stubFor(get("/ok").willReturn(okJson("{\"text\":\"héllo\"}")));
        engine.stubFor(get("/refused").willReturn(aResponse().withStatus(400).withBody("{\"error\":\"bad\"}")));

        EngineHttp.Reply ok = call("/ok", Duration.ofSeconds(5));
        EngineHttp.Reply refused = call("/refused", Duration.ofSeconds(5));

        assertThat(ok.ok()).isTrue();
        assertThat(ok.body()).isEqualTo("{\"text\":\"héllo\"}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("bad");
    }

    @Test
    void anAnswerLaterThanTheTimeoutIsATimeoutThatMayHaveBeenBilled() {
        engine.stubFor(get("/slow").willReturn(okJson("{}").withFixedDelay(1500)));

        assertThatThrownBy(() -> call("/slow", Duration.ofMillis(300)))
                .isInstanceOfSatisfying(EngineFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.TIMEOUT);
                    assertThat(failure.possiblyBilled()).isTrue();
                });
    }

    @Test
    void aConnectionBrokenAfterTheRequestMayHaveBeenBilledOneNeverMadeWasNot() throws Exception {
        engine.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> call("/reset", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(
                        EngineFailure.class,
                        failure -> assertThat(failure.possiblyBilled()).isTrue());

        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        EngineEndpoint nowhere =
                new EngineEndpoint(URI.create("http://127.0.0.1:" + closed), "key", Duration.ofSeconds(5));
        assertThatThrownBy(
                        () -> EngineHttp.send(EngineHttp.client(nowhere).get().uri("/")))
                .isInstanceOfSatisfying(EngineFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(EngineFailure.Kind.SERVER_ERROR);
                    assertThat(failure.possiblyBilled()).isFalse();
                });
    }

    @Test
    void eachStatusMeansTheKindEnginesShare() {
        Map<Integer, EngineFailure.Kind> kinds = Map.of(
                429, EngineFailure.Kind.RATE_LIMITED,
                402, EngineFailure.Kind.OUT_OF_CREDIT,
                401, EngineFailure.Kind.REFUSED_CREDENTIALS,
                403, EngineFailure.Kind.REFUSED_CREDENTIALS,
                400, EngineFailure.Kind.BAD_REQUEST,
                504, EngineFailure.Kind.TIMEOUT,
                503, EngineFailure.Kind.OVERLOADED,
                529, EngineFailure.Kind.OVERLOADED,
                500, EngineFailure.Kind.SERVER_ERROR,
                502, EngineFailure.Kind.SERVER_ERROR);
        kinds.forEach((status, kind) -> {
            EngineFailure failure = EngineHttp.failure(new EngineHttp.Reply(status, new HttpHeaders(), ""), "x", CLOCK);
            assertThat(failure.kind()).as("status %d", status).isEqualTo(kind);
            assertThat(failure.status()).isEqualTo(status);
        });
    }

    @Test
    void theWaitIsReadFromMillisecondsSecondsOrAnHttpDate() {
        assertThat(EngineHttp.retryAfter(headers("retry-after-ms", "1500", "Retry-After", "9"), CLOCK))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(EngineHttp.retryAfter(headers("Retry-After", "20"), CLOCK)).isEqualTo(Duration.ofSeconds(20));
        assertThat(EngineHttp.retryAfter(headers("Retry-After", "Sun, 29 Nov 2026 12:01:30 GMT"), CLOCK))
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(EngineHttp.retryAfter(headers("Retry-After", "Sun, 29 Nov 2026 11:00:00 GMT"), CLOCK))
                .isEqualTo(Duration.ZERO);
        assertThat(EngineHttp.retryAfter(headers("Retry-After", "soon"), CLOCK)).isNull();
        assertThat(EngineHttp.retryAfter(new HttpHeaders(), CLOCK)).isNull();
    }

    @Test
    void anEngineMessageIsShortened() {
        EngineFailure failure =
                EngineHttp.failure(new EngineHttp.Reply(400, new HttpHeaders(), ""), "x".repeat(5000), CLOCK);
        assertThat(failure.getMessage()).hasSizeLessThanOrEqualTo(500);
    }

    private static HttpHeaders headers(String... namesAndValues) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
