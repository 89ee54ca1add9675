package io.cachedjobs.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Every answer engine the adapters call, simulated by one local WireMock server: OpenAI's
 * {@code POST /v1/responses}, Anthropic's {@code POST /v1/messages}, Gemini's {@code POST
 * /v1beta/models/{model}:generateContent} (and its grounding redirect links, {@code GET
 * /grounding-api-redirect/{token}}, answering 302 to the page), Perplexity's and DeepSeek's {@code
 * POST /chat/completions} (told apart by Perplexity's {@code web_search_options}), SerpApi's {@code
 * GET /search.json} for {@code engine=google} (AI Overview), {@code google_ai_overview} (its page-token
 * follow-up) and {@code google_ai_mode}. Point every account's base URL at {@link #baseUrl()}; any key
 * will do.
 *
 * <p><b>Answers</b> ({@link SimulatedAnswer}, written by {@link SimulatedWireFormats}) recommend the
 * demo brand, Acme CRM, and its competitors, with sources, in the question's language where it is
 * English, French, German or Spanish. They vary: the {@code n}-th answer an engine gives to one model
 * and question is drawn from a random seeded with the seed, the wire format, the model, the question
 * and {@code n}, so a run with one seed gives each question the same set of answers whatever the
 * order the calls come in. Of the Google searches for one question, the second of every six shows
 * no AI Overview, and the fourth of every four (unless it is one of those) loads it lazily: a page
 * token, then the follow-up call. Any six searches of one question show both.
 *
 * <p><b>Faults.</b> With the fault rate above 0, that share of the calls (not the follow-ups nor
 * the redirects) fails as the engine would when busy: a 429 asking to wait 1 or 2 seconds (OpenAI,
 * Perplexity and Anthropic in {@code Retry-After}, Gemini in its body's {@code RetryInfo}), an
 * Anthropic 529 {@code overloaded_error}, a Gemini 503, a DeepSeek or SerpApi 429 that names no wait.
 * A failed call consumes no answer.
 *
 * <p><b>Latency.</b> Each answer comes after a delay drawn evenly between the given bounds
 * (milliseconds).
 */
public final class SimulatedEngines implements AutoCloseable {

    /** The seed of the answers when none is given: two runs answer alike. */
    public static final long DEFAULT_SEED = 13;

    private static final String TRANSFORMER = "simulated-engines";
    private static final Pattern LANGUAGE_NAME = Pattern.compile("Answer in ([A-Za-z]+)");
    private static final Pattern GEMINI_MODEL = Pattern.compile("/v1beta/models/([^/:]+):generateContent");
    private static final Map<String, String> LANGUAGES =
            Map.of("english", "en", "french", "fr", "german", "de", "spanish", "es");

    private final long seed;
    private final int minDelayMs;
    private final int maxDelayMs;
    private final WireMockServer server;
    private final Random faults;
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong faultsServed = new AtomicLong();
    private volatile double faultRate;

    private SimulatedEngines(int port, long seed, double faultRate, int minDelayMs, int maxDelayMs) {
        if (faultRate < 0 || faultRate >= 1) {
            throw new IllegalArgumentException("The fault rate is at least 0 and less than 1: " + faultRate);
        }
        if (minDelayMs < 0 || maxDelayMs < minDelayMs) {
            throw new IllegalArgumentException("Delays: 0 <= min <= max, not " + minDelayMs + ", " + maxDelayMs);
        }
        this.seed = seed;
        this.faultRate = faultRate;
        this.minDelayMs = minDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.faults = new Random(seed ^ 0x5DEECE66DL);
        this.server = new WireMockServer(options()
                .port(port)
                .notifier(new Slf4jNotifier(false))
                // The local run may serve thousands of calls: keep only the latest in memory
                .maxRequestJournalEntries(1_000)
                .extensions(new Transformer()));
    }

    /**
     * Starts the engines on {@code port} (0: a free one).
     *
     * @param seed what the answers are drawn from
     * @param faultRate the share of calls that fail as a busy engine does, 0 (none) to less than 1
     * @param minDelayMs the shortest time an engine takes to answer, in milliseconds
     * @param maxDelayMs the longest, in milliseconds
     */
    public static SimulatedEngines start(int port, long seed, double faultRate, int minDelayMs, int maxDelayMs) {
        SimulatedEngines engines = new SimulatedEngines(port, seed, faultRate, minDelayMs, maxDelayMs);
        engines.server.start();
        engines.stubs();
        return engines;
    }

    /** Where every engine answers: {@code http://localhost:<port>}. */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The share of calls that fail as a busy engine does from now on, 0 to less than 1. */
    public void faultRate(double rate) {
        if (rate < 0 || rate >= 1) {
            throw new IllegalArgumentException("The fault rate is at least 0 and less than 1: " + rate);
        }
        this.faultRate = rate;
    }

    /** Calls answered so far, busy answers, follow-ups and redirects included. */
    public long answers() {
        return answers.get();
    }

    /** Calls failed on purpose so far (429, 503, 529). */
    public long faults() {
        return faultsServed.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private void stubs() {
        ResponseDefinitionBuilder simulated = aResponse().withTransformers(TRANSFORMER);
        server.stubFor(post(urlPathEqualTo("/v1/responses")).willReturn(simulated));
        server.stubFor(post(urlPathEqualTo("/v1/messages")).willReturn(simulated));
        server.stubFor(
                post(urlPathMatching("/v1beta/models/[^/]+:generateContent")).willReturn(simulated));
        server.stubFor(post(urlPathEqualTo("/chat/completions")).willReturn(simulated));
        server.stubFor(get(urlPathMatching("/search(\\.json)?")).willReturn(simulated));
        server.stubFor(get(urlPathMatching("/grounding-api-redirect/.+")).willReturn(simulated));
    }

    /** Chooses every answer: which engine is asked, whether it fails, what it says. */
    private final class Transformer implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            answers.incrementAndGet();
            Request request = event.getRequest();
            String path = request.getUrl().replaceFirst("\\?.*$", "");
            try {
                if (path.startsWith("/grounding-api-redirect/")) {
                    return redirect(path.substring("/grounding-api-redirect/".length()));
                }
                if (path.startsWith("/search")) {
                    return serpApi(request);
                }
                JsonNode body = SimulatedWireFormats.JSON.readTree(request.getBodyAsString());
                if (path.equals("/v1/responses")) {
                    String model = body.path("model").asString("gpt-4.1-mini");
                    return answer(
                            "openai",
                            model,
                            body.path("input").asString(""),
                            body.path("instructions"),
                            (answer, random) -> SimulatedWireFormats.openAiResponses(answer, model, random));
                }
                if (path.equals("/v1/messages")) {
                    String model = body.path("model").asString("claude-haiku-4-5");
                    return answer(
                            "anthropic",
                            model,
                            body.path("messages").path(0).path("content").asString(""),
                            body.path("system"),
                            (answer, random) -> SimulatedWireFormats.anthropicMessages(answer, model, random));
                }
                if (path.equals("/chat/completions")) {
                    return chat(body);
                }
                Matcher gemini = GEMINI_MODEL.matcher(path);
                if (gemini.matches()) {
                    String model = gemini.group(1);
                    return answer(
                            "gemini",
                            model,
                            body.path("contents")
                                    .path(0)
                                    .path("parts")
                                    .path(0)
                                    .path("text")
                                    .asString(""),
                            body.path("systemInstruction").path("parts").path(0).path("text"),
                            (answer, random) -> SimulatedWireFormats.gemini(answer, model, baseUrl(), random));
                }
                return json(404, "{\"error\":\"not simulated: " + path + "\"}", 0);
            } catch (JacksonException e) {
                return json(400, "{\"error\":{\"message\":\"We could not parse the JSON body of your request.\"}}", 0);
            }
        }

        private ResponseDefinition chat(JsonNode body) {
            String model = body.path("model").asString("sonar");
            String system = "";
            String query = "";
            for (JsonNode message : body.path("messages").values()) {
                if ("system".equals(message.path("role").asString(""))) {
                    system = message.path("content").asString("");
                } else if ("user".equals(message.path("role").asString(""))) {
                    query = message.path("content").asString("");
                }
            }
            JsonNode instruction = SimulatedWireFormats.JSON.getNodeFactory().stringNode(system);
            if (body.has("web_search_options") || model.startsWith("sonar")) {
                return answer(
                        "perplexity",
                        model,
                        query,
                        instruction,
                        (answer, random) -> SimulatedWireFormats.perplexity(answer, model, random));
            }
            return answer(
                    "deepseek",
                    model,
                    query,
                    instruction,
                    (answer, random) -> SimulatedWireFormats.deepSeek(answer, model, random));
        }

        private ResponseDefinition serpApi(Request request) {
            String engine = parameter(request, "engine", "google");
            if (engine.equals("google_ai_overview")) {
                return lazyOverview(parameter(request, "page_token", ""));
            }
            String query = parameter(request, "q", "");
            String hl = parameter(request, "hl", "en");
            String gl = parameter(request, "gl", "us");
            if (fault()) {
                return json(
                        429,
                        "{\"error\":\"You have exceeded the hourly throughput limit of your plan. Please try again later.\"}",
                        0);
            }
            String key = "serpapi|" + engine + "|" + hl + "|" + query;
            int n = next(key);
            Random random = random(key, n);
            SimulatedAnswer answer = SimulatedAnswer.of(random, query, hl);
            if (engine.equals("google_ai_mode")) {
                return ok(SimulatedWireFormats.serpApiAiMode(answer, query, gl, hl, random), random);
            }
            if (n % 6 == 1) {
                return ok(SimulatedWireFormats.serpApiSearch(null, null, query, gl, hl, random), random);
            }
            if (n % 4 == 3) {
                // The follow-up draws the same answer again from the same random (a fresh one, same seed)
                String token = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((key + "\n" + n + "\n" + hl + "\n" + query).getBytes(StandardCharsets.UTF_8));
                return ok(SimulatedWireFormats.serpApiSearch(answer, token, query, gl, hl, random), random);
            }
            return ok(SimulatedWireFormats.serpApiSearch(answer, null, query, gl, hl, random), random);
        }

        /** The follow-up of a search whose AI Overview loads lazily: the answer its token names. */
        private ResponseDefinition lazyOverview(String pageToken) {
            String[] token;
            int n;
            try {
                token = new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8).split("\n", 4);
                n = Integer.parseInt(token[1]);
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                return json(400, "{\"error\":\"Invalid page_token.\"}", 0);
            }
            if (token.length < 4) {
                return json(400, "{\"error\":\"Invalid page_token.\"}", 0);
            }
            Random random = random(token[0], n);
            SimulatedAnswer answer = SimulatedAnswer.of(random, token[3], token[2]);
            return ok(SimulatedWireFormats.serpApiLazyOverview(answer, random), random);
        }

        private ResponseDefinition redirect(String token) {
            String target = SimulatedWireFormats.redirectTarget(token);
            if (target == null) {
                return json(404, "{\"error\":\"unknown link\"}", 0);
            }
            return aResponse().withStatus(302).withHeader("Location", target).build();
        }

        private ResponseDefinition answer(
                String format, String model, String query, JsonNode instruction, Writer writer) {
            if (fault()) {
                return fault(format);
            }
            String language = language(instruction.asString(""));
            String key = format + "|" + model + "|" + language + "|" + query;
            int n = next(key);
            Random random = random(key, n);
            return ok(writer.write(SimulatedAnswer.of(random, query, language), random), random);
        }

        /** A busy engine's refusal, as {@code format} says it. */
        private ResponseDefinition fault(String format) {
            int wait = 1 + faults(2);
            return switch (format) {
                case "openai", "perplexity" ->
                    aResponse()
                            .withStatus(429)
                            .withHeader("Content-Type", "application/json")
                            .withHeader("Retry-After", Integer.toString(wait))
                            .withHeader("x-ratelimit-remaining-requests", "0")
                            .withHeader("x-ratelimit-reset-requests", wait + "s")
                            .withBody("{\"error\":{\"message\":\"Rate limit reached for requests per min (RPM). "
                                    + "Please try again in " + wait + "s.\",\"type\":\"requests\",\"param\":null,"
                                    + "\"code\":\"rate_limit_exceeded\"}}")
                            .build();
                case "anthropic" ->
                    faults(2) == 0
                            ? json(
                                    529,
                                    "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
                                    0)
                            : aResponse()
                                    .withStatus(429)
                                    .withHeader("Content-Type", "application/json")
                                    .withHeader("retry-after", Integer.toString(wait))
                                    .withBody("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                                            + "\"message\":\"This request would exceed the rate limit for your "
                                            + "organization of 50 requests per minute.\"}}")
                                    .build();
                case "gemini" ->
                    faults(2) == 0
                            ? json(
                                    503,
                                    "{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again "
                                            + "later.\",\"status\":\"UNAVAILABLE\"}}",
                                    0)
                            : json(
                                    429,
                                    "{\"error\":{\"code\":429,\"message\":\"You exceeded your current quota, please "
                                            + "check your plan and billing details.\",\"status\":\"RESOURCE_EXHAUSTED\","
                                            + "\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\","
                                            + "\"violations\":[{\"quotaMetric\":\"generativelanguage.googleapis.com/"
                                            + "generate_content_requests\",\"quotaId\":"
                                            + "\"GenerateRequestsPerMinutePerProjectPerModel\"}]},"
                                            + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\""
                                            + wait + "s\"}]}}",
                                    0);
                default ->
                    json(
                            429,
                            "{\"error\":{\"message\":\"Rate limit reached, please retry later.\","
                                    + "\"type\":\"rate_limit_error\",\"param\":null,\"code\":\"rate_limit\"}}",
                            0);
            };
        }

        private boolean fault() {
            double rate = faultRate;
            boolean fault;
            synchronized (faults) {
                fault = rate > 0 && faults.nextDouble() < rate;
            }
            if (fault) {
                faultsServed.incrementAndGet();
            }
            return fault;
        }

        private int faults(int bound) {
            synchronized (faults) {
                return faults.nextInt(bound);
            }
        }

        private int next(String key) {
            return answered.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
        }

        private Random random(String key, int n) {
            return new Random((seed * 31 + key.hashCode()) * 1_000_003L + n);
        }

        private ResponseDefinition ok(String body, Random random) {
            int delay = minDelayMs + random.nextInt(maxDelayMs - minDelayMs + 1);
            return json(200, body, delay);
        }

        private ResponseDefinition json(int status, String body, int delayMs) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)
                    .withFixedDelay(delayMs)
                    .build();
        }
    }

    /** Writes an answer in one wire format. */
    @FunctionalInterface
    private interface Writer {
        String write(SimulatedAnswer answer, Random random);
    }

    /** {@code en} for "Answer in English.", the adapters' one line; {@code en} when there is none. */
    private static String language(String instruction) {
        Matcher name = LANGUAGE_NAME.matcher(instruction);
        return name.find() ? LANGUAGES.getOrDefault(name.group(1).toLowerCase(Locale.ROOT), "en") : "en";
    }

    private static String parameter(Request request, String name, String otherwise) {
        QueryParameter parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.firstValue() : otherwise;
    }
}
