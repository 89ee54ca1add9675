package io.cachedjobs.engine;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * What every adapter needs of HTTP: a client for its endpoint (Spring's {@link RestClient} over the
 * JDK's {@link HttpClient}), a call that answers the status, headers and body whatever the status,
 * and the classification of a failed answer that most engines share (engines.md 3.8). An adapter
 * refines the classification where its engine says more (a quota in the body, a wait in the body).
 */
public final class EngineHttp {

    /** Longer than any message an execution's error shows. */
    private static final int MESSAGE_LENGTH = 500;

    /**
     * The threads that write request bodies and run the JDK client's asynchronous steps, for every
     * engine: kept and reused (Spring's default starts a thread for each request body).
     */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "engine-http");
        thread.setDaemon(true);
        return thread;
    });

    private EngineHttp() {}

    /**
     * A client for {@code endpoint}: its base URL, its time-out for a whole call. HTTP/2 where the
     * engine is reached over TLS (negotiated, else HTTP/1.1); plain HTTP/1.1 to a plain {@code http}
     * address (a proxy or a local stub), without the JDK's cleartext-upgrade attempt on each new
     * connection, which few servers take and which carries the request's body.
     */
    public static RestClient client(EngineEndpoint endpoint) {
        boolean tls = "https".equalsIgnoreCase(endpoint.baseUrl().getScheme());
        HttpClient http = HttpClient.newBuilder()
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(THREADS)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http, THREADS);
        requests.setReadTimeout(endpoint.timeout());
        return RestClient.builder()
                .baseUrl(endpoint.baseUrl().toString())
                .requestFactory(requests)
                .build();
    }

    /** An engine's answer to one request, whatever its status. */
    public record Reply(int status, HttpHeaders headers, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Sends {@code request} and reads its whole answer as UTF-8.
     *
     * @throws EngineFailure when no answer came: {@code TIMEOUT} (possibly billed) when the engine
     *     took too long or the connection broke after the request went out, {@code SERVER_ERROR}
     *     (not billed) when no connection could be made
     */
    public static Reply send(RestClient.RequestHeadersSpec<?> request) {
        try {
            return request.exchange((sent, response) -> new Reply(
                    response.getStatusCode().value(),
                    HttpHeaders.readOnlyHttpHeaders(response.getHeaders()),
                    StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)));
        } catch (ResourceAccessException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
                throw new EngineFailure(EngineFailure.Kind.SERVER_ERROR, 0, null, false, "engine not reachable");
            }
            if (cause instanceof HttpTimeoutException) {
                throw new EngineFailure(EngineFailure.Kind.TIMEOUT, 0, null, true, "no answer in time");
            }
            if (cause instanceof IOException) {
                throw new EngineFailure(
                        EngineFailure.Kind.TIMEOUT, 0, null, true, "connection lost: " + cause.getMessage());
            }
            throw e;
        }
    }

    /**
     * The failure an answer that is not a success means, as most engines mean it: 429 rate limited,
     * 402 out of credit, 401 and 403 refused credentials, 408 and 504 a time-out, 503 and 529
     * overloaded, another 5xx a server error, another 4xx a refused request; with the wait the
     * answer's headers ask for.
     *
     * @param message the engine's own message, read from the body by the adapter (shortened here)
     */
    public static EngineFailure failure(Reply reply, String message, Clock clock) {
        EngineFailure.Kind kind = switch (reply.status()) {
            case 429 -> EngineFailure.Kind.RATE_LIMITED;
            case 402 -> EngineFailure.Kind.OUT_OF_CREDIT;
            case 401, 403 -> EngineFailure.Kind.REFUSED_CREDENTIALS;
            case 408, 504 -> EngineFailure.Kind.TIMEOUT;
            case 503, 529 -> EngineFailure.Kind.OVERLOADED;
            default -> reply.status() >= 500 ? EngineFailure.Kind.SERVER_ERROR : EngineFailure.Kind.BAD_REQUEST;
        };
        return failure(kind, reply, message, retryAfter(reply.headers(), clock));
    }

    /** A failure of {@code kind} for {@code reply}, waiting {@code retryAfter} (null: the engine did not say). */
    public static EngineFailure failure(
            EngineFailure.Kind kind, Reply reply, String message, @Nullable Duration retryAfter) {
        boolean billed = kind == EngineFailure.Kind.TIMEOUT;
        return new EngineFailure(kind, reply.status(), retryAfter, billed, shorten(message));
    }

    /**
     * The wait an answer's headers ask for: {@code retry-after-ms} (milliseconds, OpenAI's), else
     * {@code Retry-After} in seconds or as an HTTP date (RFC 9110); null when neither is there or
     * readable. Never negative.
     */
    public static @Nullable Duration retryAfter(HttpHeaders headers, Clock clock) {
        String millis = headers.getFirst("retry-after-ms");
        if (millis != null) {
            try {
                return atLeastZero(Duration.ofMillis(Math.round(Double.parseDouble(millis.trim()))));
            } catch (NumberFormatException e) {
                // fall through to Retry-After
            }
        }
        String after = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (after == null || after.isBlank()) {
            return null;
        }
        String value = after.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            // A wait beyond any sensible one (digits past a long) is read as a day: the caller caps it
            return value.length() > 9 ? Duration.ofDays(1) : Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            return atLeastZero(Duration.between(clock.instant(), at.toInstant()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration atLeastZero(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static String shorten(String message) {
        String flat = message == null ? "" : message.strip();
        return flat.length() <= MESSAGE_LENGTH ? flat : flat.substring(0, MESSAGE_LENGTH - 1) + "…";
    }
}
