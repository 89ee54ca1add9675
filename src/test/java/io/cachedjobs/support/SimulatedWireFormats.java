package io.cachedjobs.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link SimulatedAnswer} in each engine's own wire format, shaped as the adapters' fixtures in
 * {@code src/test/resources/engines} (engines.md 3.1 to 3.7): the text, the sources where that engine
 * puts them, and usage in the engine's own units (tokens in the range real answers show, the output
 * tokens about a quarter of the text's characters). Each method answers the response body as JSON.
 */
final class SimulatedWireFormats {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Perplexity's price for {@code sonar} at low search context: per request, and per token in and out. */
    static final double PERPLEXITY_REQUEST_COST = 0.005;

    static final double PERPLEXITY_TOKEN_COST = 0.000001;

    private SimulatedWireFormats() {}

    /**
     * OpenAI Responses (3.1): a {@code web_search_call} consulting every page, then a {@code message}
     * whose text links each item's page ({@code ?utm_source=openai} appended, as OpenAI does) with a
     * {@code url_citation} annotation spanning the link; reasoning tokens for the {@code gpt-5}
     * reasoning models.
     */
    static String openAiResponses(SimulatedAnswer answer, String model, Random random) {
        ObjectNode response = JSON.createObjectNode();
        response.put("id", "resp_" + hex(random, 24));
        response.put("object", "response");
        response.put("created_at", 1_764_000_000L + random.nextInt(10_000_000));
        response.put("status", "completed");
        response.putNull("error");
        response.putNull("incomplete_details");
        response.put("model", model);
        ArrayNode output = response.putArray("output");
        ObjectNode search = output.addObject();
        search.put("type", "web_search_call");
        search.put("id", "ws_" + hex(random, 24));
        search.put("status", "completed");
        ObjectNode action = search.putObject("action");
        action.put("type", "search");
        action.put("query", answer.searchQuery());
        ArrayNode consulted = action.putArray("sources");
        answer.pages().forEach(page -> consulted.addObject().put("type", "url").put("url", page.url()));

        ObjectNode message = output.addObject();
        message.put("type", "message");
        message.put("id", "msg_" + hex(random, 24));
        message.put("status", "completed");
        message.put("role", "assistant");
        ObjectNode part = message.putArray("content").addObject();
        part.put("type", "output_text");
        ArrayNode annotations = JSON.createArrayNode();
        StringBuilder text = new StringBuilder(answer.intro()).append("\n\n");
        for (int i = 0; i < answer.items().size(); i++) {
            SimulatedAnswer.Page page = answer.pages().get(answer.items().get(i).page());
            String url = page.url() + "?utm_source=openai";
            text.append(answer.line(i)).append(" (");
            int start = text.length();
            text.append('[').append(page.domain()).append("](").append(url).append(')');
            annotations
                    .addObject()
                    .put("type", "url_citation")
                    .put("start_index", start)
                    .put("end_index", text.length())
                    .put("url", url)
                    .put("title", page.title());
            text.append(").\n");
        }
        text.append('\n').append(answer.outro());
        part.put("text", text.toString());
        part.set("annotations", annotations);

        long input = 2_000 + random.nextInt(7_000);
        long cached = random.nextInt(3) == 0 ? 1_024L * (1 + random.nextInt(2)) : 0;
        long reasoning = model.startsWith("gpt-5") && !model.contains("chat") ? 128 + random.nextInt(768) : 0;
        long outputTokens = tokens(text, random) + reasoning;
        ObjectNode usage = response.putObject("usage");
        usage.put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", cached);
        usage.put("output_tokens", outputTokens);
        usage.putObject("output_tokens_details").put("reasoning_tokens", reasoning);
        usage.put("total_tokens", input + outputTokens);
        return JSON.writeValueAsString(response);
    }

    /**
     * Anthropic Messages (3.3): a {@code web_search} {@code server_tool_use} and its results (every
     * page), then text blocks, each item's block citing its page ({@code web_search_result_location}).
     */
    static String anthropicMessages(SimulatedAnswer answer, String model, Random random) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_01" + hex(random, 11));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model.equals("claude-haiku-4-5") ? "claude-haiku-4-5-20251001" : model);
        ArrayNode content = message.putArray("content");
        String toolUse = "srvtoolu_01" + hex(random, 11);
        ObjectNode search = content.addObject();
        search.put("type", "server_tool_use");
        search.put("id", toolUse);
        search.put("name", "web_search");
        search.putObject("input").put("query", answer.searchQuery());
        ObjectNode results = content.addObject();
        results.put("type", "web_search_tool_result");
        results.put("tool_use_id", toolUse);
        ArrayNode found = results.putArray("content");
        for (SimulatedAnswer.Page page : answer.pages()) {
            found.addObject()
                    .put("type", "web_search_result")
                    .put("url", page.url())
                    .put("title", page.title())
                    .put("encrypted_content", base64(random, 24))
                    .put("page_age", page.date());
        }
        StringBuilder all = new StringBuilder(answer.intro()).append("\n\n");
        content.addObject().put("type", "text").put("text", answer.intro() + "\n\n");
        for (int i = 0; i < answer.items().size(); i++) {
            SimulatedAnswer.Page page = answer.pages().get(answer.items().get(i).page());
            String line = answer.line(i);
            ObjectNode block = content.addObject().put("type", "text").put("text", line);
            block.putArray("citations")
                    .addObject()
                    .put("type", "web_search_result_location")
                    .put("url", page.url())
                    .put("title", page.title())
                    .put("cited_text", page.snippet())
                    .put("encrypted_index", base64(random, 16));
            content.addObject().put("type", "text").put("text", ".\n");
            all.append(line).append(".\n");
        }
        content.addObject().put("type", "text").put("text", "\n" + answer.outro());
        all.append('\n').append(answer.outro());
        message.put("stop_reason", "end_turn");
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", 5_000 + random.nextInt(7_000));
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        usage.put("output_tokens", tokens(all, random));
        usage.putObject("server_tool_use").put("web_search_requests", 1);
        return JSON.writeValueAsString(message);
    }

    /**
     * Gemini {@code generateContent} with grounding (3.4): the text in one part; a grounding chunk per
     * page whose {@code uri} is a redirect link on {@code baseUrl} ({@link #redirectToken(String)}) and
     * whose title is the bare domain; a support per item, its segment in UTF-8 byte offsets.
     */
    static String gemini(SimulatedAnswer answer, String model, String baseUrl, Random random) {
        String text = answer.markdown(i -> "");
        ObjectNode response = JSON.createObjectNode();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.put("role", "model");
        content.putArray("parts").addObject().put("text", text);
        candidate.put("finishReason", "STOP");
        candidate.put("index", 0);
        ObjectNode grounding = candidate.putObject("groundingMetadata");
        grounding.putArray("webSearchQueries").add(answer.searchQuery());
        grounding
                .putObject("searchEntryPoint")
                .put(
                        "renderedContent",
                        "<style>.container{align-items:center}</style><div class=\"container\"><div class=\"chip\">"
                                + answer.searchQuery() + "</div></div>");
        ArrayNode chunks = grounding.putArray("groundingChunks");
        for (SimulatedAnswer.Page page : answer.pages()) {
            chunks.addObject()
                    .putObject("web")
                    .put("uri", baseUrl + "/grounding-api-redirect/" + redirectToken(page.url()))
                    .put("title", page.domain());
        }
        ArrayNode supports = grounding.putArray("groundingSupports");
        for (int i = 0; i < answer.items().size(); i++) {
            String line = answer.line(i);
            int start = text.indexOf(line);
            int startByte = text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
            ObjectNode support = supports.addObject();
            support.putObject("segment")
                    .put("startIndex", startByte)
                    .put("endIndex", startByte + line.getBytes(StandardCharsets.UTF_8).length)
                    .put("text", line);
            support.putArray("groundingChunkIndices").add(answer.items().get(i).page());
            support.putArray("confidenceScores").add(0.7 + random.nextInt(28) / 100.0);
        }
        long prompt = 20 + random.nextInt(40);
        long toolUse = 800 + random.nextInt(1_200);
        long candidates = tokens(text, random);
        long thoughts = 100 + random.nextInt(500);
        ObjectNode usage = response.putObject("usageMetadata");
        usage.put("promptTokenCount", prompt);
        usage.put("candidatesTokenCount", candidates);
        usage.put("totalTokenCount", prompt + toolUse + candidates + thoughts);
        usage.put("toolUsePromptTokenCount", toolUse);
        usage.put("thoughtsTokenCount", thoughts);
        response.put("modelVersion", model);
        response.put("responseId", base64(random, 18));
        return JSON.writeValueAsString(response);
    }

    /** The redirect token of a Gemini grounding link to {@code url}: the URL itself, Base64url-encoded. */
    static String redirectToken(String url) {
        return "AUZIYQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
    }

    /** The URL a {@link #redirectToken(String)} leads to; null when it is none. */
    static String redirectTarget(String token) {
        if (!token.startsWith("AUZIYQ")) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token.substring(6)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Perplexity chat completions (3.5): {@code [n]} markers into {@code citations} (the cited pages),
     * {@code search_results} for every page, and its stated cost in {@code usage.cost}: {@value
     * #PERPLEXITY_REQUEST_COST} dollars a request plus a millionth of a dollar a token.
     */
    static String perplexity(SimulatedAnswer answer, String model, Random random) {
        String text = answer.markdown(i -> " [" + (answer.items().get(i).page() + 1) + "]");
        ObjectNode response = chat(text, model, random);
        ArrayNode citations = response.putArray("citations");
        answer.cited().forEach(page -> citations.add(page.url()));
        ArrayNode results = response.putArray("search_results");
        for (SimulatedAnswer.Page page : answer.pages()) {
            results.addObject()
                    .put("title", page.title())
                    .put("url", page.url())
                    .put("date", page.date())
                    .put("last_updated", page.date())
                    .put("snippet", page.snippet())
                    .put("source", "web");
        }
        long prompt = 10 + random.nextInt(30);
        long completion = tokens(text, random);
        double inputCost = round(prompt * PERPLEXITY_TOKEN_COST);
        double outputCost = round(completion * PERPLEXITY_TOKEN_COST);
        ObjectNode usage = response.putObject("usage");
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.put("search_context_size", "low");
        usage.put("citation_tokens", 0);
        usage.put("num_search_queries", 1);
        usage.putObject("cost")
                .put("input_tokens_cost", inputCost)
                .put("output_tokens_cost", outputCost)
                .put("request_cost", PERPLEXITY_REQUEST_COST)
                .put("total_cost", round(inputCost + outputCost + PERPLEXITY_REQUEST_COST));
        return JSON.writeValueAsString(response);
    }

    /**
     * DeepSeek chat completions (3.6): the text without links or sources (it does not search), usage
     * with its cache hits; now and then behind the blank lines DeepSeek sends to hold a busy
     * connection open.
     */
    static String deepSeek(SimulatedAnswer answer, String model, Random random) {
        String text = answer.markdown(i -> "");
        ObjectNode response = chat(text, model, random);
        long prompt = 15 + random.nextInt(25);
        long hit = random.nextInt((int) prompt);
        ObjectNode usage = response.putObject("usage");
        long completion = tokens(text, random);
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", hit);
        usage.put("prompt_cache_hit_tokens", hit);
        usage.put("prompt_cache_miss_tokens", prompt - hit);
        response.put("system_fingerprint", "fp_" + hex(random, 5) + "_prod0623_fp8_kvcache");
        String body = JSON.writeValueAsString(response);
        return random.nextInt(4) == 0 ? "\n\n\n" + body : body;
    }

    private static ObjectNode chat(String text, String model, Random random) {
        ObjectNode response = JSON.createObjectNode();
        response.put(
                "id",
                java.util
                        .UUID
                        .nameUUIDFromBytes(hex(random, 8).getBytes(StandardCharsets.UTF_8))
                        .toString());
        response.put("object", "chat.completion");
        response.put("created", 1_764_000_000L + random.nextInt(10_000_000));
        response.put("model", model);
        ObjectNode choice = response.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        return response;
    }

    /**
     * SerpApi's Google search (3.7) with its {@code ai_overview}: the intro and outro as paragraphs, the
     * items as a list whose entries name their reference in {@code reference_indexes}, every page a
     * reference; or, when {@code pageToken} is given, the lazily loaded kind holding only that token
     * for a {@code google_ai_overview} follow-up; or, when {@code answer} is null, no AI Overview.
     */
    static String serpApiSearch(
            SimulatedAnswer answer, String pageToken, String query, String gl, String hl, Random random) {
        ObjectNode search = serpApiEnvelope("google", random);
        ObjectNode parameters = search.putObject("search_parameters");
        parameters.put("engine", "google");
        parameters.put("q", query);
        parameters.put("google_domain", "google.com");
        parameters.put("hl", hl);
        parameters.put("gl", gl);
        parameters.put("device", "desktop");
        search.putObject("search_information")
                .put("query_displayed", query)
                .put("total_results", 100_000_000L + random.nextInt(900_000_000));
        if (pageToken != null) {
            search.putObject("ai_overview").put("page_token", pageToken);
        } else if (answer != null) {
            overview(search.putObject("ai_overview"), answer);
        }
        ArrayNode organic = search.putArray("organic_results");
        List<SimulatedAnswer.Page> pages = answer == null ? List.of() : answer.pages();
        for (int i = 0; i < pages.size(); i++) {
            organic.addObject()
                    .put("position", i + 1)
                    .put("title", pages.get(i).title())
                    .put("link", pages.get(i).url())
                    .put("snippet", pages.get(i).snippet());
        }
        return JSON.writeValueAsString(search);
    }

    /** SerpApi's {@code google_ai_overview} follow-up: the AI Overview the page token stood for. */
    static String serpApiLazyOverview(SimulatedAnswer answer, Random random) {
        ObjectNode search = serpApiEnvelope("google_ai_overview", random);
        search.putObject("search_parameters").put("engine", "google_ai_overview");
        overview(search.putObject("ai_overview"), answer);
        return JSON.writeValueAsString(search);
    }

    /** SerpApi's Google AI Mode (3.7): text blocks and references at the top level. */
    static String serpApiAiMode(SimulatedAnswer answer, String query, String gl, String hl, Random random) {
        ObjectNode search = serpApiEnvelope("google_ai_mode", random);
        search.putObject("search_parameters")
                .put("engine", "google_ai_mode")
                .put("q", query)
                .put("gl", gl)
                .put("hl", hl);
        overview(search, answer);
        return JSON.writeValueAsString(search);
    }

    private static ObjectNode serpApiEnvelope(String engine, Random random) {
        ObjectNode search = JSON.createObjectNode();
        String id = hex(random, 12);
        search.putObject("search_metadata")
                .put("id", id)
                .put("status", "Success")
                .put("json_endpoint", "https://serpapi.example/searches/" + id + ".json")
                .put("total_time_taken", 1 + random.nextInt(400) / 100.0);
        return search;
    }

    private static void overview(ObjectNode holder, SimulatedAnswer answer) {
        ArrayNode blocks = holder.putArray("text_blocks");
        ObjectNode intro = blocks.addObject().put("type", "paragraph").put("snippet", answer.intro());
        intro.putArray("reference_indexes").add(answer.items().get(0).page());
        ArrayNode list = blocks.addObject().put("type", "list").putArray("list");
        for (SimulatedAnswer.Item item : answer.items()) {
            ObjectNode entry = list.addObject().put("title", item.brand() + ":").put("snippet", item.text() + ".");
            entry.putArray("reference_indexes").add(item.page());
        }
        blocks.addObject().put("type", "paragraph").put("snippet", answer.outro());
        ArrayNode references = holder.putArray("references");
        for (int i = 0; i < answer.pages().size(); i++) {
            SimulatedAnswer.Page page = answer.pages().get(i);
            references
                    .addObject()
                    .put("title", page.title())
                    .put("link", page.url())
                    .put("snippet", page.snippet())
                    .put("source", page.source())
                    .put("index", i);
        }
    }

    /** About a token per four characters, give or take a tenth. */
    private static long tokens(CharSequence text, Random random) {
        return Math.max(1, Math.round(text.length() / 4.0 * (0.9 + random.nextInt(21) / 100.0)));
    }

    private static double round(double dollars) {
        return Math.round(dollars * 1_000_000) / 1_000_000.0;
    }

    private static String hex(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private static String base64(Random random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getEncoder().withoutPadding().encodeToString(value);
    }
}
