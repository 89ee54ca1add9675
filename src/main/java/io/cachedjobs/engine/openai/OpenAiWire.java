package io.cachedjobs.engine.openai;

import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.EngineFailure;
import io.cachedjobs.engine.EngineHttp;
import io.cachedjobs.engine.EngineJson;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What OpenAI's two wire formats share with the engines that copy them (Perplexity, DeepSeek;
 * engines.md 3.2): reading an answer's JSON, the error body {@code {"error":{"message","type",
 * "param","code"}}}, the failure it means, the wait in OpenAI's rate-limit headers, and the one
 * line that asks for the question's language.
 */
public final class OpenAiWire {

    /** One part of a Go duration, as OpenAI writes its resets: {@code 1s}, {@code 6m0s}, {@code 20ms}. */
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|μs|ns)");

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private OpenAiWire() {}

    /**
     * The JSON of a successful answer ({@link #withoutKeepAlive(String)} of its body).
     *
     * @throws EngineFailure {@code TIMEOUT} (not billed) when the body has nothing but keep-alive lines:
     *     the engine closed the connection before it began to answer; {@code SERVER_ERROR} (possibly billed) when it is not
     *     JSON
     */
    public static JsonNode answer(EngineHttp.Reply reply) {
        String body = withoutKeepAlive(reply.body());
        if (body.isEmpty()) {
            throw new EngineFailure(
                    EngineFailure.Kind.TIMEOUT, reply.status(), null, false, "the engine closed without answering");
        }
        try {
            JsonNode json = EngineJson.JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new EngineFailure(
                        EngineFailure.Kind.SERVER_ERROR, reply.status(), null, true, "the answer is not a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            throw new EngineFailure(
                    EngineFailure.Kind.SERVER_ERROR, reply.status(), null, true, "the answer is not JSON");
        }
    }

    /**
     * An answer's body without what an engine sends to keep a waiting connection open before it
     * (DeepSeek: blank lines, or {@code : keep-alive} comment lines; engines.md 3.6), nor the
     * whitespace around it: the JSON as the adapters keep it in {@code EngineAnswer.raw}.
     */
    public static String withoutKeepAlive(String body) {
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf('\n', start);
            String line = body.substring(start, end < 0 ? body.length() : end).strip();
            if (!line.isEmpty() && !line.startsWith(":")) {
                break;
            }
            start = end < 0 ? body.length() : end + 1;
        }
        return body.substring(start).strip();
    }

    /**
     * Posts {@code request} as JSON to {@code path} with the account's key as a bearer token, as
     * OpenAI and its imitators take it.
     *
     * @return the engine's reply, a success
     * @throws EngineFailure when it is none, as {@link #failure} classifies it, or none came
     */
    public static EngineHttp.Reply post(
            RestClient client, String path, EngineEndpoint endpoint, JsonNode request, Clock clock) {
        EngineHttp.Reply reply = EngineHttp.send(client.post()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + endpoint.apiKey())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(EngineJson.JSON.writeValueAsString(request)));
        if (!reply.ok()) {
            throw failure(reply, clock);
        }
        return reply;
    }

    /**
     * The failure a non-success answer means: as most engines mean its status ({@link
     * EngineHttp#failure(EngineHttp.Reply, String, Clock)}), except that an error whose code or type
     * is {@code insufficient_quota} (OpenAI's 429 "You exceeded your current quota") is {@code
     * OUT_OF_CREDIT}, not a rate limit; a rate limit without {@code retry-after-ms} or {@code
     * Retry-After} waits as {@link #resetWait(HttpHeaders)} says.
     */
    public static EngineFailure failure(EngineHttp.Reply reply, Clock clock) {
        JsonNode error = errorOf(reply.body());
        String message = message(reply, error);
        if ("insufficient_quota".equals(text(error.path("code")))
                || "insufficient_quota".equals(text(error.path("type")))) {
            return EngineHttp.failure(EngineFailure.Kind.OUT_OF_CREDIT, reply, message, null);
        }
        EngineFailure failure = EngineHttp.failure(reply, message, clock);
        if (failure.kind() == EngineFailure.Kind.RATE_LIMITED && failure.retryAfter() == null) {
            return EngineHttp.failure(EngineFailure.Kind.RATE_LIMITED, reply, message, resetWait(reply.headers()));
        }
        return failure;
    }

    /**
     * The wait OpenAI's {@code x-ratelimit-reset-requests} and {@code x-ratelimit-reset-tokens} say:
     * of the limits whose {@code x-ratelimit-remaining-*} is 0, the longer reset; when neither says 0
     * (or neither is there), the longer of the resets present; null when none is there or readable.
     */
    public static @Nullable Duration resetWait(HttpHeaders headers) {
        Duration requests = duration(headers.getFirst("x-ratelimit-reset-requests"));
        Duration tokens = duration(headers.getFirst("x-ratelimit-reset-tokens"));
        boolean requestsSpent = "0".equals(EngineJson.trimmed(headers.getFirst("x-ratelimit-remaining-requests")));
        boolean tokensSpent = "0".equals(EngineJson.trimmed(headers.getFirst("x-ratelimit-remaining-tokens")));
        if (requestsSpent && !tokensSpent && requests != null) {
            return requests;
        }
        if (tokensSpent && !requestsSpent && tokens != null) {
            return tokens;
        }
        if (requests == null) {
            return tokens;
        }
        return tokens == null || requests.compareTo(tokens) >= 0 ? requests : tokens;
    }

    /**
     * A duration as Go writes one, as OpenAI's reset headers do: a sequence of decimal numbers each
     * with a unit, {@code h}, {@code m}, {@code s}, {@code ms}, {@code us} (or {@code µs}), {@code ns}
     * ({@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}, {@code 0.5s}); a bare number is read
     * as seconds. Null when blank or not such a duration; never negative.
     */
    public static @Nullable Duration duration(@Nullable String value) {
        String text = EngineJson.trimmed(value);
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.matches("\\d+(\\.\\d+)?")) {
            text = text + "s";
        }
        Matcher part = DURATION_PART.matcher(text);
        BigDecimal seconds = BigDecimal.ZERO;
        int at = 0;
        while (part.lookingAt()) {
            BigDecimal amount = new BigDecimal(part.group(1));
            seconds = seconds.add(
                    switch (part.group(2)) {
                        case "h" -> amount.multiply(BigDecimal.valueOf(3600));
                        case "m" -> amount.multiply(BigDecimal.valueOf(60));
                        case "s" -> amount;
                        case "ms" -> amount.movePointLeft(3);
                        case "ns" -> amount.movePointLeft(9);
                        default -> amount.movePointLeft(6);
                    });
            at = part.end();
            part.region(at, text.length());
        }
        if (at == 0 || at != text.length()) {
            return null;
        }
        // A wait beyond a day is read as a day: the caller caps it anyway
        if (seconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
            return Duration.ofDays(1);
        }
        return Duration.ofNanos(seconds.multiply(NANOS_PER_SECOND).longValue());
    }

    /**
     * The one instruction an adapter adds so the answer comes in the question's language (the web
     * search tools take a country, no language; engines.md 5.9): {@code Answer in German.} for
     * {@code de}, {@code Answer in Chinese (China).} for {@code zh-cn}; the code itself when the
     * JDK does not know its name.
     */
    public static String languageInstruction(String language) {
        Locale locale = Locale.forLanguageTag(language.trim().replace('_', '-'));
        String name = locale.getLanguage().isEmpty() ? language.trim() : locale.getDisplayName(Locale.ENGLISH);
        return "Answer in " + name + ".";
    }

    /** The text of a string node, else null (missing, null, or another type). */
    public static @Nullable String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    /** The whole number a node holds, else 0 (missing, null, or another type). */
    public static long count(JsonNode node) {
        return node.isNumber() ? node.longValue() : 0;
    }

    private static JsonNode errorOf(String body) {
        try {
            JsonNode json = EngineJson.JSON.readTree(body);
            return json == null ? EngineJson.JSON.missingNode() : json.path("error");
        } catch (JacksonException e) {
            return EngineJson.JSON.missingNode();
        }
    }

    /** The engine's {@code error.message}, else a short word for the status (and a text body, not HTML). */
    private static String message(EngineHttp.Reply reply, JsonNode error) {
        String message = text(error.path("message"));
        if (message == null) {
            message = text(error);
        }
        if (message != null && !message.isBlank()) {
            return message;
        }
        String body = reply.body().strip();
        return body.isEmpty() || body.startsWith("<") || body.startsWith("{")
                ? "HTTP " + reply.status()
                : "HTTP " + reply.status() + ": " + body;
    }
}
