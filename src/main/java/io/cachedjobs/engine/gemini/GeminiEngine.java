package io.cachedjobs.engine.gemini;

import io.cachedjobs.engine.AnswerEngine;
import io.cachedjobs.engine.EngineAnswer;
import io.cachedjobs.engine.EngineEndpoint;
import io.cachedjobs.engine.EngineFailure;
import io.cachedjobs.engine.EngineHttp;
import io.cachedjobs.engine.EngineJson;
import io.cachedjobs.engine.EngineQuestion;
import io.cachedjobs.engine.EngineSource;
import io.cachedjobs.engine.EngineUsage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google's Gemini API {@code generateContent} with Google Search grounding (engines.md 3.4), for
 * models such as {@code gemini-2.5-flash}.
 *
 * <p><b>Endpoint.</b> {@code POST {base}/v1beta/models/{model}:generateContent}, header {@code
 * x-goog-api-key} (the account's key), JSON; no streaming.
 *
 * <p><b>Request.</b> {@code {systemInstruction: {parts: [{text}]}, contents: [{role: user, parts:
 * [{text: query}]}], tools: [{google_search: {}}]}}. The tool takes no location nor language
 * (engines.md 5.9): the system instruction names the language to answer in and the country the
 * user asks from.
 *
 * <p><b>Mapping.</b> The text is the first candidate's content parts' text joined (thought parts
 * left out). The sources are {@code groundingMetadata.groundingChunks[].web}: first those a {@code
 * groundingSupports[].groundingChunkIndices} entry references (cited), then the others
 * (consulted), in the chunks' order, each URL once. A chunk's {@code uri} is Google's redirect link
 * ({@code …/grounding-api-redirect/…}): it is resolved to its target by a request that does not
 * follow it and reads {@code Location}, without the account's key, soon after the answer (the links
 * expire); the source keeps both ({@code url} the target, {@code redirectUrl} the link). A link that
 * does not resolve in time (at most {@value #MAX_REDIRECTS} per answer, all within a few seconds)
 * stays as both {@code url} and {@code redirectUrl}: the answer never fails for it. The chunk's
 * {@code title} is the page's bare domain. (The supports' segment offsets are UTF-8 byte offsets
 * into the part, not Java string indices: they are not read here.) The search queries are the
 * non-blank {@code webSearchQueries}.
 *
 * <p><b>Usage</b> (engines.md 5.7): input tokens are {@code promptTokenCount} plus {@code
 * toolUsePromptTokenCount} (the search results given to the model), cached ones {@code
 * cachedContentTokenCount}, output tokens {@code candidatesTokenCount} plus {@code
 * thoughtsTokenCount}, reasoning tokens {@code thoughtsTokenCount}. Searches count as Google bills
 * them: on Gemini 3 models one per non-blank {@code webSearchQueries} entry; on earlier models one
 * per grounded request (1 when the model searched, else 0).
 *
 * <p><b>Answers without a whole text</b> (a 200, engines.md 3.8): no candidate (the prompt was
 * blocked) or {@code finishReason} {@code SAFETY}, {@code RECITATION}, {@code BLOCKLIST}, {@code
 * PROHIBITED_CONTENT} or {@code SPII} give {@code blocked}; {@code MAX_TOKENS}, or another reason
 * than {@code STOP}, gives {@code incomplete} with the partial text; no text at all {@code empty}.
 *
 * <p><b>Failures</b> (engines.md 3.8): 429 {@code RESOURCE_EXHAUSTED} is rate limited, waiting
 * the body's {@code google.rpc.RetryInfo.retryDelay} (Google sends no {@code Retry-After}), but out
 * of credit when a {@code google.rpc.QuotaFailure} violation is a per-day quota ({@code quotaId}
 * containing {@code PerDay}: retrying before the reset is pointless); 503 {@code UNAVAILABLE} is
 * overloaded; 500 {@code INTERNAL} a server error; 504 {@code DEADLINE_EXCEEDED}, or no answer
 * within the endpoint's time-out, a time-out (possibly billed); 400 {@code INVALID_ARGUMENT} a
 * refused request with the engine's {@code error.message}, except an {@code API_KEY_INVALID}
 * reason, which like 401 and 403 is refused credentials.
 */
public final class GeminiEngine implements AnswerEngine {

    /** Redirect links resolved for one answer at most; the others stay links. */
    static final int MAX_REDIRECTS = 20;
    /** How long the redirect links of one answer may take to resolve, all together. */
    static final Duration REDIRECT_TIME = Duration.ofSeconds(4);

    private static final Set<String> BLOCKED =
            Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII");
    private static final Pattern PROTO_DURATION = Pattern.compile("(\\d+(?:\\.\\d{1,9})?)s");

    private final EngineEndpoint endpoint;
    private final Clock clock;
    private final RestClient client;
    private final GroundingRedirects redirects;

    public GeminiEngine(EngineEndpoint endpoint, Clock clock) {
        this(endpoint, clock, REDIRECT_TIME);
    }

    /** With {@code redirectTime} for the redirect links of one answer (tests shorten it). */
    GeminiEngine(EngineEndpoint endpoint, Clock clock, Duration redirectTime) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.client = EngineHttp.client(endpoint);
        this.redirects = new GroundingRedirects(redirectTime, MAX_REDIRECTS);
    }

    @Override
    public EngineAnswer ask(EngineQuestion question) {
        EngineHttp.Reply reply = EngineHttp.send(client.post()
                .uri("/v1beta/models/{model}:generateContent", question.model())
                .header("x-goog-api-key", endpoint.apiKey())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(request(question)));
        if (!reply.ok()) {
            throw failure(reply);
        }
        return answer(question, reply);
    }

    static String request(EngineQuestion question) {
        ObjectNode body = EngineJson.JSON.createObjectNode();
        body.putObject("systemInstruction").putArray("parts").addObject().put("text", systemInstruction(question));
        ObjectNode content = body.putArray("contents").addObject();
        content.put("role", "user");
        content.putArray("parts").addObject().put("text", question.query());
        body.putArray("tools").addObject().putObject("google_search");
        return EngineJson.JSON.writeValueAsString(body);
    }

    /** The language and the country, named in English with their codes: the tool takes neither. */
    static String systemInstruction(EngineQuestion question) {
        String language = Locale.forLanguageTag(question.language()).getDisplayName(Locale.ENGLISH);
        String country = Locale.forLanguageTag("und-" + question.country()).getDisplayCountry(Locale.ENGLISH);
        return "Answer in " + named(language, question.language()) + ". The user asks from "
                + named(country, question.country()) + ".";
    }

    private static String named(String name, String code) {
        return name.isBlank() || name.equalsIgnoreCase(code) ? code : name + " (" + code + ")";
    }

    private EngineAnswer answer(EngineQuestion question, EngineHttp.Reply reply) {
        JsonNode response = EngineJson.object(reply)
                .orElseThrow(() -> new EngineFailure(
                        EngineFailure.Kind.SERVER_ERROR, reply.status(), null, true, "answer is not JSON"));
        JsonNode candidate = response.path("candidates").path(0);
        JsonNode grounding = candidate.path("groundingMetadata");

        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts").values()) {
            if (!part.path("thought").asBoolean(false)) {
                text.append(EngineJson.string(part.path("text"), ""));
            }
        }
        List<String> queries = new ArrayList<>();
        for (JsonNode query : grounding.path("webSearchQueries").values()) {
            String value = EngineJson.string(query, null);
            if (value != null && !value.isBlank()) {
                queries.add(value);
            }
        }
        List<EngineSource> sources = sources(grounding);

        String finishReason = EngineJson.string(candidate.path("finishReason"), "STOP");
        String reason = null;
        if (candidate.isMissingNode() || BLOCKED.contains(finishReason)) {
            reason = "blocked";
        } else if (!"STOP".equals(finishReason) && !"FINISH_REASON_UNSPECIFIED".equals(finishReason)) {
            reason = "incomplete"; // MAX_TOKENS, or cut short otherwise (OTHER, MALFORMED_FUNCTION_CALL…)
        }
        String answerText = text.isEmpty() ? null : text.toString();
        if (answerText == null && reason == null) {
            reason = "empty";
        }
        String model = EngineJson.string(response.path("modelVersion"), question.model());
        boolean grounded = !queries.isEmpty() || !sources.isEmpty();
        int searches = model.startsWith("gemini-3") ? queries.size() : grounded ? 1 : 0;
        return new EngineAnswer(
                answerText,
                reason,
                sources,
                queries,
                usage(response.path("usageMetadata"), searches),
                null,
                reply.body());
    }

    private List<EngineSource> sources(JsonNode grounding) {
        Set<Integer> cited = new HashSet<>();
        for (JsonNode support : grounding.path("groundingSupports").values()) {
            for (JsonNode index : support.path("groundingChunkIndices").values()) {
                if (index.isIntegralNumber() && index.canConvertToInt()) {
                    cited.add(index.intValue());
                }
            }
        }
        // Cited chunks first, then consulted ones, each in the chunks' order (index kept: the
        // supports refer to it)
        List<JsonNode> chunks =
                new ArrayList<>(grounding.path("groundingChunks").values());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            if (cited.contains(i)) {
                order.add(i);
            }
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (!cited.contains(i)) {
                order.add(i);
            }
        }
        List<String> links = new ArrayList<>();
        for (int i : order) {
            String uri = EngineJson.string(chunks.get(i).path("web").path("uri"), null);
            if (uri != null && GroundingRedirects.isRedirect(uri)) {
                links.add(uri);
            }
        }
        Map<String, String> targets = redirects.resolve(links);

        Map<String, EngineSource> sources = new LinkedHashMap<>();
        for (int i : order) {
            JsonNode web = chunks.get(i).path("web");
            String uri = EngineJson.string(web.path("uri"), null);
            if (uri == null) {
                continue; // not a web page (a retrieved document, a place)
            }
            String redirectUrl = GroundingRedirects.isRedirect(uri) ? uri : null;
            String url = targets.getOrDefault(uri, uri);
            sources.putIfAbsent(
                    url,
                    new EngineSource(url, redirectUrl, EngineJson.string(web.path("title"), null), cited.contains(i)));
        }
        return List.copyOf(sources.values());
    }

    private static EngineUsage usage(JsonNode usage, int searches) {
        long thoughts = EngineJson.count(usage.path("thoughtsTokenCount"));
        return new EngineUsage(
                EngineJson.count(usage.path("promptTokenCount"))
                        + EngineJson.count(usage.path("toolUsePromptTokenCount")),
                EngineJson.count(usage.path("cachedContentTokenCount")),
                EngineJson.count(usage.path("candidatesTokenCount")) + thoughts,
                thoughts,
                searches);
    }

    private EngineFailure failure(EngineHttp.Reply reply) {
        JsonNode error =
                EngineJson.object(reply).map(body -> body.path("error")).orElse(EngineJson.JSON.missingNode());
        String message = EngineJson.string(error.path("message"), null);
        if (message == null) {
            message = reply.body().isBlank() ? "HTTP " + reply.status() : reply.body();
        }
        JsonNode details = error.path("details");
        for (JsonNode info : details("google.rpc.ErrorInfo", details)) {
            if ("API_KEY_INVALID".equals(EngineJson.string(info.path("reason"), null))) {
                return EngineHttp.failure(EngineFailure.Kind.REFUSED_CREDENTIALS, reply, message, null);
            }
        }
        EngineFailure failure = EngineHttp.failure(reply, message, clock);
        if (failure.kind() != EngineFailure.Kind.RATE_LIMITED) {
            return failure;
        }
        for (JsonNode quota : details("google.rpc.QuotaFailure", details)) {
            for (JsonNode violation : quota.path("violations").values()) {
                if (EngineJson.string(violation.path("quotaId"), "").contains("PerDay")) {
                    // The day's quota is spent: the engine's retry delay would only lead to another refusal
                    return EngineHttp.failure(EngineFailure.Kind.OUT_OF_CREDIT, reply, message, null);
                }
            }
        }
        Duration wait = null;
        for (JsonNode retry : details("google.rpc.RetryInfo", details)) {
            wait = protoDuration(EngineJson.string(retry.path("retryDelay"), null));
        }
        return wait == null ? failure : EngineHttp.failure(EngineFailure.Kind.RATE_LIMITED, reply, message, wait);
    }

    private static List<JsonNode> details(String type, JsonNode details) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode detail : details.values()) {
            if (EngineJson.string(detail.path("@type"), "").endsWith("/" + type)) {
                found.add(detail);
            }
        }
        return found;
    }

    /** A protobuf {@code Duration} in JSON ({@code "37s"}, {@code "1.5s"}), else null. */
    static @Nullable Duration protoDuration(@Nullable String value) {
        if (value == null) {
            return null;
        }
        Matcher seconds = PROTO_DURATION.matcher(value.trim());
        if (!seconds.matches() || seconds.group(1).length() > 30) {
            return null;
        }
        BigDecimal nanos = new BigDecimal(seconds.group(1)).movePointRight(9);
        return nanos.compareTo(BigDecimal.valueOf(Duration.ofDays(1).toNanos())) > 0
                ? Duration.ofDays(1)
                : Duration.ofNanos(nanos.longValueExact());
    }
}
