package io.cachedjobs.engine.anthropic;

import io.cachedjobs.engine.AnswerEngine;
import io.cachedjobs.engine.EngineAnswer;
import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.EngineFailure;
import io.cachedjobs.engine.EngineHttp;
import io.cachedjobs.engine.EngineJson;
import io.cachedjobs.engine.EngineQuestion;
import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.engine.EngineUsage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API with its web search server tool (engines.md 3.3), for Claude models
 * such as {@code claude-haiku-4-5}.
 *
 * <p><b>Endpoint.</b> {@code POST {base}/v1/messages}, headers {@code x-api-key} (the account's
 * key), {@code anthropic-version: 2023-06-01}, JSON; no streaming.
 *
 * <p><b>Request.</b> {@code {model, max_tokens, system, messages: [{role: user, content: query}],
 * tools: [{type: web_search_20250305, name: web_search, max_uses, user_location: {type:
 * approximate, country}}]}}: the country reaches the search through {@code user_location}, the
 * language through the system prompt (the tool takes none; engines.md 5.9).
 *
 * <p><b>Mapping.</b> The text is the answer's {@code text} blocks joined in order. The sources are
 * first the pages the text blocks cite ({@code citations} of type {@code
 * web_search_result_location}: url and title), then the search results ({@code
 * web_search_tool_result}) none cites, each URL once, in the answer's order. The search queries are
 * the {@code web_search} {@code server_tool_use} inputs. Usage: input tokens are {@code
 * input_tokens} plus {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}
 * (Anthropic counts the cached ones apart), cached input tokens are {@code
 * cache_read_input_tokens}, output tokens {@code output_tokens}, searches {@code
 * usage.server_tool_use.web_search_requests} (engines.md 5.7).
 *
 * <p><b>Answers without a whole text</b> (a 200, engines.md 3.8): {@code stop_reason: max_tokens}
 * or {@code pause_turn} keep their text with the reason {@code incomplete}; {@code refusal} gives
 * {@code blocked}; when the engine searched and every search failed (a {@code
 * web_search_tool_result_error} block, no result), the reason is {@code search-failed} (the text,
 * answered without the web, is kept); no text at all is {@code empty}.
 *
 * <p><b>Failures</b> (engines.md 3.8), classified on {@code error.type} as well as the status: 429
 * {@code rate_limit_error} is rate limited, waiting the {@code retry-after} header, else until the
 * {@code anthropic-ratelimit-*-reset} time of the exhausted limit; 529, or any status with {@code
 * overloaded_error}, is overloaded; 402 {@code billing_error} is out of credit; 401 and 403 refused
 * credentials; 400, 404 and 413 a refused request with the engine's {@code error.message}; 500
 * {@code api_error} a server error; 504 {@code timeout_error}, or no answer within the endpoint's
 * time-out, a time-out (possibly billed).
 */
public final class AnthropicMessagesEngine implements AnswerEngine {

    static final String API_VERSION = "2023-06-01";
    static final String SEARCH_TOOL = "web_search_20250305";
    /** Enough for an answer with search (they run to about a thousand tokens); the cost's ceiling. */
    static final int MAX_TOKENS = 4096;
    /** Searches the model may run for one answer, each billed (engines.md 3.3's example). */
    static final int MAX_SEARCHES = 3;

    private static final String RESET_PREFIX = "anthropic-ratelimit-";
    private static final String RESET_SUFFIX = "-reset";

    private final EngineEndpoint endpoint;
    private final Clock clock;
    private final RestClient client;

    public AnthropicMessagesEngine(EngineEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.client = EngineHttp.client(endpoint);
    }

    @Override
    public EngineAnswer ask(EngineQuestion question) {
        EngineHttp.Reply reply = EngineHttp.send(client.post()
                .uri("/v1/messages")
                .header("x-api-key", endpoint.apiKey())
                .header("anthropic-version", API_VERSION)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(request(question)));
        if (!reply.ok()) {
            throw failure(reply);
        }
        return answer(reply);
    }

    static String request(EngineQuestion question) {
        ObjectNode body = EngineJson.JSON.createObjectNode();
        body.put("model", question.model());
        body.put("max_tokens", MAX_TOKENS);
        body.put("system", systemPrompt(question.language()));
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", question.query());
        ObjectNode tool = body.putArray("tools").addObject();
        tool.put("type", SEARCH_TOOL);
        tool.put("name", "web_search");
        tool.put("max_uses", MAX_SEARCHES);
        ObjectNode location = tool.putObject("user_location");
        location.put("type", "approximate");
        location.put("country", question.country());
        return EngineJson.JSON.writeValueAsString(body);
    }

    /** The language, named in English with its code ({@code French (fr)}): the tool takes none. */
    static String systemPrompt(String language) {
        String name = Locale.forLanguageTag(language).getDisplayName(Locale.ENGLISH);
        String named = name.isBlank() ? language : name + " (" + language + ")";
        return "Answer in " + named + ".";
    }

    private EngineAnswer answer(EngineHttp.Reply reply) {
        JsonNode message = EngineJson.object(reply)
                .orElseThrow(() -> new EngineFailure(
                        EngineFailure.Kind.SERVER_ERROR, reply.status(), null, true, "answer is not JSON"));
        StringBuilder text = new StringBuilder();
        Map<String, EngineSource> cited = new LinkedHashMap<>();
        Map<String, EngineSource> consulted = new LinkedHashMap<>();
        List<String> queries = new ArrayList<>();
        int searchResults = 0;
        int searchErrors = 0;
        for (JsonNode block : message.path("content").values()) {
            switch (EngineJson.string(block.path("type"), "")) {
                case "text" -> {
                    text.append(EngineJson.string(block.path("text"), ""));
                    for (JsonNode citation : block.path("citations").values()) {
                        String url = EngineJson.string(citation.path("url"), null);
                        if ("web_search_result_location".equals(EngineJson.string(citation.path("type"), null))
                                && url != null) {
                            cited.putIfAbsent(
                                    url, EngineSource.cited(url, EngineJson.string(citation.path("title"), null)));
                        }
                    }
                }
                case "server_tool_use" -> {
                    String query = EngineJson.string(block.path("input").path("query"), null);
                    if ("web_search".equals(EngineJson.string(block.path("name"), null)) && query != null) {
                        queries.add(query);
                    }
                }
                case "web_search_tool_result" -> {
                    JsonNode content = block.path("content");
                    if (!content.isArray()) {
                        searchErrors++; // {"type": "web_search_tool_result_error", "error_code": …}
                    }
                    for (JsonNode result : content.values()) {
                        String url = EngineJson.string(result.path("url"), null);
                        if (url != null) {
                            searchResults++;
                            consulted.putIfAbsent(
                                    url, EngineSource.consulted(url, EngineJson.string(result.path("title"), null)));
                        }
                    }
                }
                default -> {
                    // thinking and other blocks: not part of the answer
                }
            }
        }
        List<EngineSource> sources = new ArrayList<>();
        for (EngineSource source : cited.values()) {
            // A citation without a title takes the search result's
            EngineSource result = consulted.get(source.url());
            sources.add(
                    source.title() == null && result != null
                            ? EngineSource.cited(source.url(), result.title())
                            : source);
        }
        consulted.forEach((url, source) -> {
            if (!cited.containsKey(url)) {
                sources.add(source);
            }
        });

        String stopReason = EngineJson.string(message.path("stop_reason"), "");
        String reason = null;
        if ("refusal".equals(stopReason)) {
            reason = "blocked";
        } else if ("max_tokens".equals(stopReason) || "pause_turn".equals(stopReason)) {
            reason = "incomplete";
        } else if (searchErrors > 0 && searchResults == 0) {
            reason = "search-failed";
        }
        String answerText = text.isEmpty() ? null : text.toString();
        if (answerText == null && reason == null) {
            reason = "empty";
        }
        return new EngineAnswer(answerText, reason, sources, queries, usage(message.path("usage")), null, reply.body());
    }

    private static EngineUsage usage(JsonNode usage) {
        long input = EngineJson.count(usage.path("input_tokens"));
        long cacheRead = EngineJson.count(usage.path("cache_read_input_tokens"));
        long cacheCreation = EngineJson.count(usage.path("cache_creation_input_tokens"));
        long searches = EngineJson.count(usage.path("server_tool_use").path("web_search_requests"));
        return new EngineUsage(
                input + cacheRead + cacheCreation, cacheRead, EngineJson.count(usage.path("output_tokens")), 0, (int)
                        Math.min(searches, Integer.MAX_VALUE));
    }

    private EngineFailure failure(EngineHttp.Reply reply) {
        JsonNode error =
                EngineJson.object(reply).map(body -> body.path("error")).orElse(EngineJson.JSON.missingNode());
        String type = EngineJson.string(error.path("type"), "");
        String message = EngineJson.string(error.path("message"), null);
        if (message == null) {
            message = reply.body().isBlank() ? "HTTP " + reply.status() : reply.body();
        }
        Duration wait = EngineHttp.retryAfter(reply.headers(), clock);
        return switch (type) {
            case "overloaded_error" -> EngineHttp.failure(EngineFailure.Kind.OVERLOADED, reply, message, wait);
            case "billing_error" -> EngineHttp.failure(EngineFailure.Kind.OUT_OF_CREDIT, reply, message, wait);
            case "authentication_error", "permission_error" ->
                EngineHttp.failure(EngineFailure.Kind.REFUSED_CREDENTIALS, reply, message, wait);
            default -> {
                EngineFailure failure = EngineHttp.failure(reply, message, clock);
                if (failure.kind() == EngineFailure.Kind.RATE_LIMITED && wait == null) {
                    yield EngineHttp.failure(
                            EngineFailure.Kind.RATE_LIMITED, reply, message, resetWait(reply.headers()));
                }
                yield failure;
            }
        };
    }

    /**
     * The wait until the exhausted limit resets: the latest {@code anthropic-ratelimit-*-reset} time
     * (RFC 3339) among the limits whose {@code -remaining} is 0, else among all; null when there is
     * none readable.
     */
    @Nullable
    Duration resetWait(HttpHeaders headers) {
        Instant exhausted = null;
        Instant any = null;
        for (String name : headers.headerNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(RESET_PREFIX) || !lower.endsWith(RESET_SUFFIX)) {
                continue;
            }
            Instant reset = instant(headers.getFirst(name));
            if (reset == null) {
                continue;
            }
            any = later(any, reset);
            String limit = lower.substring(0, lower.length() - RESET_SUFFIX.length());
            if ("0".equals(EngineJson.trimmed(headers.getFirst(limit + "-remaining")))) {
                exhausted = later(exhausted, reset);
            }
        }
        Instant reset = exhausted != null ? exhausted : any;
        if (reset == null) {
            return null;
        }
        Duration wait = Duration.between(clock.instant(), reset);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static @Nullable Instant instant(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant later(@Nullable Instant one, Instant other) {
        return one == null || other.isAfter(one) ? other : one;
    }
}
