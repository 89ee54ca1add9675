package io.cachedjobs.engine.openai;

import static io.cachedjobs.engine.openai.OpenAiWire.count;
import static io.cachedjobs.engine.openai.OpenAiWire.text;

import io.cachedjobs.engine.AnswerEngine;
import io.cachedjobs.engine.EngineAnswer;
import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.EngineFailure;
import io.cachedjobs.engine.EngineHttp;
import io.cachedjobs.engine.EngineJson;
import io.cachedjobs.engine.EngineQuestion;
import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.engine.EngineUsage;
import io.cachedjobs.engine.SourceUrls;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Responses API with its hosted web search (engines.md 3.1; locale 5.9, usage 5.7, failures
 * 3.8): the engine behind {@code gpt-4.1-mini}, {@code gpt-5-mini} and the {@code gpt-5*-chat-latest}
 * models.
 *
 * <p><b>Request.</b> {@code POST {base}/v1/responses} with {@code Authorization: Bearer <key>} and
 *
 * <pre>{@code
 * {"model": "gpt-4.1-mini",
 *  "instructions": "Answer in German.",
 *  "input": "<the query>",
 *  "tools": [{"type": "web_search", "user_location": {"type": "approximate", "country": "DE"}}],
 *  "include": ["web_search_call.action.sources"]}
 * }</pre>
 *
 * The tool is {@code web_search} (newer models refuse the old {@code web_search_preview}); the model
 * decides whether to search, as consumer ChatGPT does. The tool takes a country but no language, so
 * the language goes in the {@code instructions} as one sentence ({@link
 * OpenAiWire#languageInstruction(String)}). The {@code include} asks for every page the searches
 * consulted, not only the cited ones.
 *
 * <p><b>Answer.</b> The text is the {@code output_text} parts of the {@code message} output items
 * (several joined by a blank line). Sources are the parts' {@code url_citation} annotations (cited),
 * then the {@code action.sources} of the {@code web_search_call} items (consulted, not cited; OpenAI's
 * own feeds, {@code {"type":"api"}}, have no URL and are skipped); each page once, the same page
 * being recognised with or without the {@code utm_*} parameters OpenAI appends to cited URLs (the
 * URL is kept as the engine first gives it). The search queries are the calls' {@code action.query}
 * (or {@code action.queries}), each once. Usage: {@code input_tokens}, {@code
 * input_tokens_details.cached_tokens}, {@code output_tokens}, {@code
 * output_tokens_details.reasoning_tokens}, and one search per {@code web_search_call} item.
 *
 * <p><b>No whole answer.</b> {@code "status": "incomplete"} keeps any partial text with the reason
 * {@code incomplete}, or {@code blocked} when {@code incomplete_details.reason} is {@code
 * content_filter}; a {@code refusal} part without text is {@code blocked}; no text at all is {@code
 * empty}. {@code "status": "failed"} (an answer with an {@code error} instead of output) is a failure:
 * {@code RATE_LIMITED} for {@code rate_limit_exceeded}, {@code BAD_REQUEST} for {@code
 * invalid_prompt}, else {@code SERVER_ERROR}.
 *
 * <p><b>Failures.</b> As {@link OpenAiWire#failure(EngineHttp.Reply, Clock)}: 429 {@code
 * insufficient_quota} is {@code OUT_OF_CREDIT}; another 429 is {@code RATE_LIMITED}, waiting {@code
 * retry-after-ms}, else {@code Retry-After}, else {@code x-ratelimit-reset-requests|tokens}; 401/403,
 * 400, 5xx, 503, time-outs as {@link EngineHttp} classifies them, with the engine's {@code
 * error.message}.
 */
public final class OpenAiResponsesEngine implements AnswerEngine {

    private final EngineEndpoint endpoint;
    private final Clock clock;
    private final RestClient client;

    public OpenAiResponsesEngine(EngineEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.client = EngineHttp.client(endpoint);
    }

    @Override
    public EngineAnswer ask(EngineQuestion question) {
        EngineHttp.Reply reply = OpenAiWire.post(client, "/v1/responses", endpoint, request(question), clock);
        return answer(OpenAiWire.answer(reply), reply);
    }

    private static ObjectNode request(EngineQuestion question) {
        ObjectNode request = EngineJson.JSON.createObjectNode();
        request.put("model", question.model());
        request.put("instructions", OpenAiWire.languageInstruction(question.language()));
        request.put("input", question.query());
        ObjectNode webSearch = request.putArray("tools").addObject();
        webSearch.put("type", "web_search");
        webSearch.putObject("user_location").put("type", "approximate").put("country", question.country());
        request.putArray("include").add("web_search_call.action.sources");
        return request;
    }

    private static EngineAnswer answer(JsonNode response, EngineHttp.Reply reply) {
        String status = text(response.path("status"));
        if ("failed".equals(status)) {
            throw failed(response, reply);
        }
        List<String> texts = new ArrayList<>();
        boolean refused = false;
        Map<String, EngineSource> sources = new LinkedHashMap<>();
        List<EngineSource> consulted = new ArrayList<>();
        Set<String> queries = new LinkedHashSet<>();
        int searchCalls = 0;
        for (JsonNode item : response.path("output").values()) {
            String type = text(item.path("type"));
            if ("message".equals(type)) {
                for (JsonNode part : item.path("content").values()) {
                    String partType = text(part.path("type"));
                    if ("refusal".equals(partType)) {
                        refused = true;
                    } else if ("output_text".equals(partType)) {
                        String partText = text(part.path("text"));
                        if (partText != null && !partText.isBlank()) {
                            texts.add(partText);
                        }
                        for (JsonNode annotation : part.path("annotations").values()) {
                            String url = text(annotation.path("url"));
                            if ("url_citation".equals(text(annotation.path("type"))) && url != null) {
                                sources.putIfAbsent(
                                        SourceUrls.clean(url), EngineSource.cited(url, text(annotation.path("title"))));
                            }
                        }
                    }
                }
            } else if ("web_search_call".equals(type)) {
                searchCalls++;
                JsonNode action = item.path("action");
                String query = text(action.path("query"));
                if (query != null && !query.isBlank()) {
                    queries.add(query);
                }
                for (JsonNode more : action.path("queries").values()) {
                    String another = text(more);
                    if (another != null && !another.isBlank()) {
                        queries.add(another);
                    }
                }
                for (JsonNode source : action.path("sources").values()) {
                    String url = text(source.path("url"));
                    if (url != null) {
                        consulted.add(EngineSource.consulted(url, text(source.path("title"))));
                    }
                }
            }
        }
        consulted.forEach(source -> sources.putIfAbsent(SourceUrls.clean(source.url()), source));

        String text = texts.isEmpty() ? null : String.join("\n\n", texts);
        String reason = null;
        if ("incomplete".equals(status)) {
            reason = "content_filter"
                            .equals(text(response.path("incomplete_details").path("reason")))
                    ? "blocked"
                    : "incomplete";
        } else if (text == null) {
            reason = refused ? "blocked" : "empty";
        }
        return new EngineAnswer(
                text,
                reason,
                List.copyOf(sources.values()),
                List.copyOf(queries),
                usage(response.path("usage"), searchCalls),
                null,
                OpenAiWire.withoutKeepAlive(reply.body()));
    }

    private static EngineUsage usage(JsonNode usage, int searchCalls) {
        return new EngineUsage(
                count(usage.path("input_tokens")),
                count(usage.path("input_tokens_details").path("cached_tokens")),
                count(usage.path("output_tokens")),
                count(usage.path("output_tokens_details").path("reasoning_tokens")),
                searchCalls);
    }

    /** An answer of status {@code failed}: the engine took the request and gave its error instead. */
    private static EngineFailure failed(JsonNode response, EngineHttp.Reply reply) {
        JsonNode error = response.path("error");
        String code = text(error.path("code"));
        String message = text(error.path("message"));
        EngineFailure.Kind kind = switch (code == null ? "" : code) {
            case "rate_limit_exceeded" -> EngineFailure.Kind.RATE_LIMITED;
            case "invalid_prompt" -> EngineFailure.Kind.BAD_REQUEST;
            default -> EngineFailure.Kind.SERVER_ERROR;
        };
        return EngineHttp.failure(
                kind,
                reply,
                message == null ? "the response failed" + (code == null ? "" : ": " + code) : message,
                null);
    }
}
