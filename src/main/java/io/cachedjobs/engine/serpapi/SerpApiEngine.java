package io.cachedjobs.engine.serpapi;

import io.cachedjobs.engine.AnswerEngine;
import io.cachedjobs.engine.EngineAnswer;
import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.EngineFailure;
import io.cachedjobs.engine.EngineHttp;
import io.cachedjobs.engine.EngineJson;
import io.cachedjobs.engine.EngineQuestion;
import io.cachedjobs.engine.EngineUsage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Google's AI Overviews and AI Mode, read through SerpApi (engines.md 3.7): Google has no API for
 * them, SerpApi runs the search and returns its page as EngineJson.JSON.
 *
 * <p><b>Endpoint.</b> {@code GET {base}/search.json}, the account's key in the {@code api_key}
 * query parameter (SerpApi takes it nowhere else). The key is masked in every message and in the
 * raw answer this adapter gives back.
 *
 * <p><b>Request.</b> {@link Surface#AI_OVERVIEW}: {@code engine=google}; {@link Surface#AI_MODE}:
 * {@code engine=google_ai_mode}; both with {@code q} (the question), {@code gl} and {@code hl}
 * ({@code GB} is {@code uk}, {@code zh-cn} is {@code zh-CN}: engines.md 5.9), {@code device=desktop}
 * and {@code no_cache=true}: SerpApi serves an identical search from its one-hour cache, which
 * would make an execution's repeats one sample (engines.md 5.3). The question's model is only a
 * label. When Google loads the AI Overview lazily the search holds only
 * {@code ai_overview.page_token}: a second call, {@code engine=google_ai_overview&page_token=…},
 * made at once (the token expires within minutes), fetches it.
 *
 * <p><b>Mapping.</b> The text is the {@code text_blocks} rendered as Markdown in order (paragraphs
 * separated by a blank line, list items as {@code - }, nested ones indented, headings, tables).
 * The sources are the {@code references} (their {@code link} and {@code title}): those some block
 * names in its {@code reference_indexes} are cited, the others consulted; cited first, each address
 * once. A search without an AI Overview (no {@code ai_overview}, or SerpApi's "Google hasn't returned
 * any results for this query.") is an answer without text, reason {@code no-ai-overview}; an AI
 * Mode answer without text has the reason {@code empty}. The AI Overview's search query is the
 * question itself; AI Mode reports none of its own. Usage: the calls made as searches (1, or 2 with
 * the follow-up), no tokens; SerpApi states no cost (its plans count searches), so none is given.
 * Raw: the body as received, or for two calls {@code {"search": …, "ai_overview": …}}.
 *
 * <p><b>Failures.</b> SerpApi answers errors as {@code {"error": "…"}}: a 429 is rate limited (the
 * hourly throughput limit; the wait from {@code Retry-After} if given) unless its message says the
 * account "has run out of searches", which is out of credit, whatever the status; 401 and 403
 * refused credentials; 400, 404 and 410 a refused request with SerpApi's message; 503 overloaded,
 * another 5xx a server error; no answer in time a time-out. A 200 can also carry an
 * {@code error} (with {@code search_metadata.status = "Error"}): "hasn't returned any results" is
 * an empty result, as above; another message is classified by its words like a non-200, else a
 * server error. A failed follow-up call is possibly billed: its search was.
 */
public final class SerpApiEngine implements AnswerEngine {

    /** Which Google surface this engine reads. */
    public enum Surface {
        /** The AI Overview above Google's results ({@code engine=google}). */
        AI_OVERVIEW,
        /** Google's AI Mode ({@code engine=google_ai_mode}). */
        AI_MODE;

        /**
         * The surface of a catalogue provider key: {@code ai-overview*} (e.g. {@code ai-overview2})
         * or {@code ai-mode*}.
         *
         * @throws IllegalArgumentException for any other key
         */
        public static Surface ofProvider(String providerKey) {
            String key = providerKey.strip().toLowerCase(Locale.ROOT);
            if (key.startsWith("ai-overview")) {
                return AI_OVERVIEW;
            }
            if (key.startsWith("ai-mode")) {
                return AI_MODE;
            }
            throw new IllegalArgumentException("Not a SerpApi provider key: " + providerKey);
        }
    }

    static final String NO_AI_OVERVIEW = "no-ai-overview";
    static final String EMPTY = "empty";
    private static final String MASK = "[api-key]";

    /** Keys shorter than this are not masked in bodies: masking would mangle ordinary words. */
    private static final int MASKABLE_KEY_LENGTH = 8;

    private final EngineEndpoint endpoint;
    private final Clock clock;
    private final Surface surface;
    private final RestClient client;

    public SerpApiEngine(EngineEndpoint endpoint, Clock clock, Surface surface) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.surface = surface;
        this.client = EngineHttp.client(endpoint);
    }

    @Override
    public EngineAnswer ask(EngineQuestion question) {
        return switch (surface) {
            case AI_OVERVIEW -> overview(question);
            case AI_MODE -> aiMode(question);
        };
    }

    private EngineAnswer overview(EngineQuestion question) {
        EngineHttp.Reply search = send(searchParameters("google", question));
        Page page = read(search);
        List<String> queries = List.of(question.query());
        if (page.noResults()) {
            return noAnswer(NO_AI_OVERVIEW, queries, 1, mask(search.body()));
        }
        JsonNode overview = page.json().path("ai_overview");
        if (!overview.isObject()) {
            return noAnswer(NO_AI_OVERVIEW, queries, 1, mask(search.body()));
        }
        TextBlocks.Rendered rendered = TextBlocks.of(overview);
        String pageToken = TextBlocks.string(overview.path("page_token"));
        if (!rendered.blank() || pageToken == null || pageToken.isBlank()) {
            return answer(rendered, NO_AI_OVERVIEW, queries, 1, mask(search.body()));
        }

        Map<String, String> followUp = new LinkedHashMap<>();
        followUp.put("engine", "google_ai_overview");
        followUp.put("page_token", pageToken);
        followUp.put("api_key", endpoint.apiKey());
        EngineHttp.Reply lazy;
        Page lazyPage;
        try {
            lazy = send(followUp);
            lazyPage = read(lazy);
        } catch (EngineFailure failure) {
            // The first search was made, and counted, whatever became of the second call
            throw new EngineFailure(failure.kind(), failure.status(), failure.retryAfter(), true, failure.getMessage());
        }
        String raw = mask("{\"search\":" + search.body() + ",\"ai_overview\":" + lazy.body() + "}");
        if (lazyPage.noResults()) {
            return noAnswer(NO_AI_OVERVIEW, queries, 2, raw);
        }
        JsonNode lazyOverview = lazyPage.json().path("ai_overview");
        TextBlocks.Rendered lazyRendered = TextBlocks.of(lazyOverview.isObject() ? lazyOverview : lazyPage.json());
        return answer(lazyRendered, NO_AI_OVERVIEW, queries, 2, raw);
    }

    private EngineAnswer aiMode(EngineQuestion question) {
        EngineHttp.Reply reply = send(searchParameters("google_ai_mode", question));
        Page page = read(reply);
        if (page.noResults()) {
            return noAnswer(EMPTY, List.of(), 1, mask(reply.body()));
        }
        return answer(TextBlocks.of(page.json()), EMPTY, List.of(), 1, mask(reply.body()));
    }

    private Map<String, String> searchParameters(String engine, EngineQuestion question) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("engine", engine);
        parameters.put("q", question.query());
        String gl = SerpApiLocale.gl(question.country());
        if (gl != null) {
            parameters.put("gl", gl);
        }
        String hl = SerpApiLocale.hl(question.language());
        if (hl != null) {
            parameters.put("hl", hl);
        }
        parameters.put("device", "desktop");
        parameters.put("no_cache", "true");
        parameters.put("api_key", endpoint.apiKey());
        return parameters;
    }

    private static EngineAnswer answer(
            TextBlocks.Rendered rendered, String reasonIfBlank, List<String> queries, int calls, String raw) {
        if (rendered.blank()) {
            return noAnswer(reasonIfBlank, queries, calls, raw);
        }
        return new EngineAnswer(rendered.text(), null, rendered.sources(), queries, usage(calls), null, raw);
    }

    private static EngineAnswer noAnswer(String reason, List<String> queries, int calls, String raw) {
        return new EngineAnswer(null, reason, List.of(), queries, usage(calls), null, raw);
    }

    private static EngineUsage usage(int calls) {
        return new EngineUsage(0, 0, 0, 0, calls);
    }

    /** One call with {@code parameters} as the query string (each value encoded whole). */
    private EngineHttp.Reply send(Map<String, String> parameters) {
        RestClient.RequestHeadersSpec<?> request = client.get().uri(uri -> {
            uri.path("/search.json");
            parameters.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
            return uri.build(parameters);
        });
        try {
            return EngineHttp.send(request);
        } catch (EngineFailure failure) {
            throw masked(failure);
        } catch (RestClientException e) {
            // Its message names the request's URL, key included: neither it nor its cause goes on
            throw new EngineFailure(EngineFailure.Kind.SERVER_ERROR, 0, null, true, "request failed");
        }
    }

    /** A successful search's JSON, or that Google found nothing; else the failure the reply means. */
    private record Page(JsonNode json, boolean noResults) {}

    private Page read(EngineHttp.Reply reply) {
        JsonNode json = parse(reply.body());
        String error = json == null ? null : TextBlocks.string(json.path("error"));
        if (!reply.ok()) {
            throw failure(reply, error != null ? error : statusMessage(reply));
        }
        if (json == null || !json.isObject()) {
            throw EngineHttp.failure(
                    EngineFailure.Kind.SERVER_ERROR, reply, mask("unreadable answer: " + reply.body()), null);
        }
        if (error != null && !error.isBlank()) {
            if (error.toLowerCase(Locale.ROOT).contains("returned any results")) {
                return new Page(json, true);
            }
            throw failure(reply, error);
        }
        if ("Error"
                .equalsIgnoreCase(TextBlocks.string(json.path("search_metadata").path("status")))) {
            throw EngineHttp.failure(EngineFailure.Kind.SERVER_ERROR, reply, "search failed", null);
        }
        return new Page(json, false);
    }

    /** The failure an {@code error} means, by its words first (SerpApi's 429 means two things). */
    private EngineFailure failure(EngineHttp.Reply reply, String error) {
        String message = mask(error);
        String words = error.toLowerCase(Locale.ROOT);
        if (words.contains("run out of searches") || words.contains("out of searches")) {
            return EngineHttp.failure(EngineFailure.Kind.OUT_OF_CREDIT, reply, message, null);
        }
        Duration wait = EngineHttp.retryAfter(reply.headers(), clock);
        if (reply.status() == 429 || words.contains("hourly") || words.contains("rate limit")) {
            return EngineHttp.failure(EngineFailure.Kind.RATE_LIMITED, reply, message, wait);
        }
        if (words.contains("invalid api key") || words.contains("api key is invalid")) {
            return EngineHttp.failure(EngineFailure.Kind.REFUSED_CREDENTIALS, reply, message, null);
        }
        if (reply.ok()) {
            return EngineHttp.failure(EngineFailure.Kind.SERVER_ERROR, reply, message, null);
        }
        return EngineHttp.failure(reply, message, clock);
    }

    private String statusMessage(EngineHttp.Reply reply) {
        String body = reply.body().strip();
        return "status " + reply.status()
                + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length())));
    }

    private static @Nullable JsonNode parse(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return EngineJson.JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private EngineFailure masked(EngineFailure failure) {
        String message = failure.getMessage();
        if (message == null || mask(message).equals(message)) {
            return failure;
        }
        return new EngineFailure(
                failure.kind(), failure.status(), failure.retryAfter(), failure.possiblyBilled(), mask(message));
    }

    /** {@code text} without the account's key (as sent, or as a URL carries it encoded). */
    private String mask(String text) {
        String key = endpoint.apiKey();
        if (key == null || key.length() < MASKABLE_KEY_LENGTH) {
            return text;
        }
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        return text.replace(key, MASK).replace(encoded, MASK);
    }
}
