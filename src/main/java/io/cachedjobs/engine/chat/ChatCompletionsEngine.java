package io.cachedjobs.engine.chat;

import static io.cachedjobs.engine.openai.OpenAiWire.count;
import static io.cachedjobs.engine.openai.OpenAiWire.text;

import io.cachedjobs.engine.AnswerEngine;
import io.cachedjobs.engine.EngineAnswer;
import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.EngineHttp;
import io.cachedjobs.engine.EngineJson;
import io.cachedjobs.engine.EngineQuestion;
import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.engine.EngineUsage;
import io.cachedjobs.engine.openai.OpenAiWire;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Chat Completions wire format as the engines that copy OpenAI's speak it (engines.md 3.2): {@link
 * Variant#PERPLEXITY Perplexity Sonar} (3.5), with its web search, and {@link Variant#DEEPSEEK
 * DeepSeek} (3.6), without one. Locale 5.9, usage and cost 5.7, failures 3.8.
 *
 * <p><b>Request.</b> {@code POST {base}/chat/completions} with {@code Authorization: Bearer <key>}
 * and
 *
 * <pre>{@code
 * {"model": "sonar",
 *  "messages": [{"role": "system", "content": "Answer in German."},
 *               {"role": "user", "content": "<the query>"}],
 *  "web_search_options": {"user_location": {"country": "DE"}}}
 * }</pre>
 *
 * Perplexity takes the country in {@code web_search_options.user_location}; DeepSeek searches nothing
 * and gets no location ({@code "stream": false} instead). Neither takes a language: it goes in a
 * system message of one sentence ({@link OpenAiWire#languageInstruction(String)}), the only message
 * besides the query.
 *
 * <p><b>Answer.</b> The text is {@code choices[0].message.content}. Perplexity's sources are its
 * {@code citations} (cited; the {@code [n]} markers in the text point into them), titled from the
 * {@code search_results} of the same URL, then its other {@code search_results} (consulted, not
 * cited), each URL once; when an answer has {@code search_results} but no {@code citations}, a
 * result is cited when the text has its {@code [n]} marker. It reports no search queries. Usage:
 * {@code prompt_tokens}, cached tokens ({@code prompt_tokens_details.cached_tokens}, or DeepSeek's
 * {@code prompt_cache_hit_tokens}), {@code completion_tokens}, reasoning tokens ({@code
 * completion_tokens_details.reasoning_tokens}, or Perplexity's {@code reasoning_tokens}) and
 * Perplexity's {@code num_search_queries}. Perplexity states the call's cost, {@code
 * usage.cost.total_cost} in US dollars: it becomes {@code statedCostMicros} (rounded half up).
 * DeepSeek answers have no sources and no stated cost. DeepSeek may hold a busy connection open with
 * blank lines (or {@code : keep-alive} lines) before its JSON: they are skipped, and {@code raw} is
 * the JSON.
 *
 * <p><b>No whole answer.</b> {@code finish_reason} {@code length} (or DeepSeek's {@code
 * insufficient_system_resource}) keeps the partial text with the reason {@code incomplete}; {@code
 * content_filter} is {@code blocked}; a {@code refusal} without content is {@code blocked}; no
 * content at all is {@code empty}. A body of only blank lines (DeepSeek closing a connection it held
 * without starting to answer) is a {@code TIMEOUT}, not billed.
 *
 * <p><b>Failures.</b> The error body is OpenAI's ({@code error.message} is the message) and the
 * classification is {@link OpenAiWire#failure(EngineHttp.Reply, Clock)}: 402 (DeepSeek's
 * insufficient balance) and {@code insufficient_quota} are {@code OUT_OF_CREDIT}, 429 {@code
 * RATE_LIMITED} with the wait of its headers, 401/403, 400/422, 500, 503, time-outs as {@link
 * EngineHttp} classifies them.
 */
public final class ChatCompletionsEngine implements AnswerEngine {

    /** Which engine speaks the format: what the request adds and the answer carries. */
    public enum Variant {
        /** Perplexity Sonar: web search located by country, sources, search count, its own cost. */
        PERPLEXITY,
        /** DeepSeek: no web search, no sources. */
        DEEPSEEK
    }

    private static final BigDecimal MICROS_PER_DOLLAR = BigDecimal.valueOf(1_000_000L);

    private final EngineEndpoint endpoint;
    private final Clock clock;
    private final Variant variant;
    private final RestClient client;

    public ChatCompletionsEngine(EngineEndpoint endpoint, Clock clock, Variant variant) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.variant = variant;
        this.client = EngineHttp.client(endpoint);
    }

    @Override
    public EngineAnswer ask(EngineQuestion question) {
        EngineHttp.Reply reply = OpenAiWire.post(client, "/chat/completions", endpoint, request(question), clock);
        return answer(OpenAiWire.answer(reply), OpenAiWire.withoutKeepAlive(reply.body()));
    }

    private ObjectNode request(EngineQuestion question) {
        ObjectNode request = EngineJson.JSON.createObjectNode();
        request.put("model", question.model());
        ArrayNode messages = request.putArray("messages");
        messages.addObject().put("role", "system").put("content", OpenAiWire.languageInstruction(question.language()));
        messages.addObject().put("role", "user").put("content", question.query());
        if (variant == Variant.PERPLEXITY) {
            request.putObject("web_search_options").putObject("user_location").put("country", question.country());
        } else {
            request.put("stream", false);
        }
        return request;
    }

    private EngineAnswer answer(JsonNode response, String raw) {
        JsonNode choice = response.path("choices").path(0);
        JsonNode message = choice.path("message");
        String content = text(message.path("content"));
        String text = content == null || content.isBlank() ? null : content;
        String finish = text(choice.path("finish_reason"));
        String reason = switch (finish == null ? "" : finish) {
            case "length", "insufficient_system_resource" -> "incomplete";
            case "content_filter" -> "blocked";
            default -> null;
        };
        if (text == null && reason == null) {
            String refusal = text(message.path("refusal"));
            reason = refusal != null && !refusal.isBlank() ? "blocked" : "empty";
        }
        JsonNode usage = response.path("usage");
        boolean perplexity = variant == Variant.PERPLEXITY;
        return new EngineAnswer(
                text,
                reason,
                perplexity ? sources(response, text) : List.of(),
                List.of(),
                usage(usage),
                perplexity ? costMicros(usage.path("cost")) : null,
                raw);
    }

    /** Perplexity's citations (cited), then its other search results (consulted), each URL once. */
    private static List<EngineSource> sources(JsonNode response, @Nullable String text) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (JsonNode result : response.path("search_results").values()) {
            String url = text(result.path("url"));
            if (url != null && !url.isBlank()) {
                titles.putIfAbsent(url, text(result.path("title")));
            }
        }
        Map<String, EngineSource> sources = new LinkedHashMap<>();
        JsonNode citations = response.path("citations");
        if (citations.isArray()) {
            for (JsonNode citation : citations.values()) {
                String url = text(citation);
                if (url != null && !url.isBlank()) {
                    sources.putIfAbsent(url, EngineSource.cited(url, titles.get(url)));
                }
            }
        } else if (text != null) {
            List<JsonNode> results = List.copyOf(response.path("search_results").values());
            for (int i = 0; i < results.size(); i++) {
                String url = text(results.get(i).path("url"));
                if (url != null && !url.isBlank() && text.contains("[" + (i + 1) + "]")) {
                    sources.putIfAbsent(url, EngineSource.cited(url, titles.get(url)));
                }
            }
        }
        titles.forEach((url, title) -> sources.putIfAbsent(url, EngineSource.consulted(url, title)));
        return List.copyOf(sources.values());
    }

    private EngineUsage usage(JsonNode usage) {
        long cached = count(usage.path("prompt_tokens_details").path("cached_tokens"));
        long reasoning = count(usage.path("completion_tokens_details").path("reasoning_tokens"));
        return new EngineUsage(
                count(usage.path("prompt_tokens")),
                cached > 0 ? cached : count(usage.path("prompt_cache_hit_tokens")),
                count(usage.path("completion_tokens")),
                reasoning > 0 ? reasoning : count(usage.path("reasoning_tokens")),
                variant == Variant.PERPLEXITY ? (int) count(usage.path("num_search_queries")) : 0);
    }

    /** Perplexity's {@code usage.cost.total_cost} (US dollars) in millionths of a dollar; null when absent. */
    private static @Nullable Long costMicros(JsonNode cost) {
        JsonNode total = cost.path("total_cost");
        if (!total.isNumber()) {
            return null;
        }
        return total.decimalValue()
                .multiply(MICROS_PER_DOLLAR)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
