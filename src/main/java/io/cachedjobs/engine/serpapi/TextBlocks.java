package io.cachedjobs.engine.serpapi;

import io.cachedjobs.engine.EngineSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An AI Overview's or AI Mode answer's {@code text_blocks} as readable Markdown, and its
 * {@code references} as sources (engines.md 3.7).
 *
 * <p>Blocks are rendered in order, separated by a blank line: a paragraph as its snippet, a heading
 * as {@code ## }, a list as {@code - } items (an item's title before its snippet, nested lists
 * indented two spaces a level), an expandable section as its title then its own blocks, a table or a
 * comparison as a Markdown table; a block of another type as whatever snippet, list or blocks it
 * holds. A reference is cited when some block, list item or nested block names its index in
 * {@code reference_indexes}; the others were only consulted.
 */
final class TextBlocks {

    private final List<String> chunks = new ArrayList<>();
    private final Set<Integer> cited = new HashSet<>();

    private TextBlocks() {}

    /** What an answer's blocks and references come to. */
    record Rendered(String text, List<EngineSource> sources) {

        boolean blank() {
            return text.isBlank();
        }
    }

    /**
     * Renders {@code answer}'s {@code text_blocks} and reads its {@code references} (an
     * {@code ai_overview} object, or an AI Mode result, which holds both at its top level).
     */
    static Rendered of(JsonNode answer) {
        TextBlocks blocks = new TextBlocks();
        JsonNode textBlocks = answer.path("text_blocks");
        blocks.blocks(textBlocks, 0);
        blocks.collectCited(textBlocks);
        String text = String.join("\n\n", blocks.chunks).strip();
        return new Rendered(text, blocks.sources(answer.path("references")));
    }

    private void blocks(JsonNode blocks, int depth) {
        for (JsonNode block : blocks) {
            block(block, depth);
        }
    }

    private void block(JsonNode block, int depth) {
        String type = string(block.path("type"));
        switch (type == null ? "" : type) {
            case "heading" -> heading(string(block.path("snippet")), depth);
            case "list" -> list(block.path("list"));
            case "expandable" -> {
                heading(string(block.path("title")), depth);
                paragraph(string(block.path("snippet")));
                blocks(block.path("text_blocks"), depth + 1);
                list(block.path("list"));
            }
            case "table" -> table(block.path("table"));
            case "comparison" -> comparison(block);
            default -> {
                paragraph(item(block));
                list(block.path("list"));
                blocks(block.path("text_blocks"), depth + 1);
            }
        }
    }

    private void paragraph(@Nullable String text) {
        if (text != null && !text.isBlank()) {
            chunks.add(text.strip());
        }
    }

    private void heading(@Nullable String text, int depth) {
        if (text != null && !text.isBlank()) {
            chunks.add("#".repeat(Math.min(2 + depth, 6)) + " " + text.strip());
        }
    }

    private void list(JsonNode items) {
        List<String> lines = new ArrayList<>();
        listItems(items, 0, lines);
        if (!lines.isEmpty()) {
            chunks.add(String.join("\n", lines));
        }
    }

    private static void listItems(JsonNode items, int level, List<String> lines) {
        for (JsonNode item : items) {
            String text = item.isString() ? item.stringValue() : item(item);
            if (text != null && !text.isBlank()) {
                lines.add("  ".repeat(level) + "- " + text.strip());
            }
            listItems(item.path("list"), text == null || text.isBlank() ? level : level + 1, lines);
        }
    }

    /** A list item's or a block's text: its title, then its snippet. */
    private static @Nullable String item(JsonNode item) {
        String title = string(item.path("title"));
        String snippet = string(item.path("snippet"));
        if (title == null || title.isBlank()) {
            return snippet;
        }
        if (snippet == null || snippet.isBlank()) {
            return title;
        }
        String head = title.strip();
        return head + (head.matches(".*[:.?!]$") ? " " : ": ") + snippet.strip();
    }

    private void table(JsonNode rows) {
        List<List<String>> cells = new ArrayList<>();
        for (JsonNode row : rows) {
            List<String> line = new ArrayList<>();
            for (JsonNode cell : row) {
                line.add(cell.isValueNode() ? cell.asString() : "");
            }
            if (!line.isEmpty()) {
                cells.add(line);
            }
        }
        markdownTable(cells);
    }

    private void comparison(JsonNode block) {
        List<List<String>> cells = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("");
        for (JsonNode label : block.path("product_labels")) {
            header.add(label.asString());
        }
        cells.add(header);
        for (JsonNode row : block.path("comparison")) {
            List<String> line = new ArrayList<>();
            line.add(row.path("feature").asString(""));
            for (JsonNode value : row.path("values")) {
                line.add(value.asString());
            }
            cells.add(line);
        }
        if (cells.size() > 1) {
            markdownTable(cells);
        }
    }

    private void markdownTable(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(row(rows.get(0)));
        lines.add(row(rows.get(0).stream().map(cell -> "---").toList()));
        rows.stream().skip(1).map(TextBlocks::row).forEach(lines::add);
        chunks.add(String.join("\n", lines));
    }

    private static String row(List<String> cells) {
        return "| "
                + String.join(
                        " | ",
                        cells.stream()
                                .map(cell -> cell.strip().replace("|", "\\|").replace('\n', ' '))
                                .toList())
                + " |";
    }

    /** Every index named by a {@code reference_indexes} anywhere under {@code node}. */
    private void collectCited(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("reference_indexes")) {
                    for (JsonNode index : field.getValue()) {
                        if (index.isIntegralNumber()) {
                            cited.add(index.intValue());
                        }
                    }
                } else {
                    collectCited(field.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectCited(child);
            }
        }
    }

    /** The references with a link, cited ones first, each address once, in the engine's order. */
    private List<EngineSource> sources(JsonNode references) {
        Map<String, EngineSource> cites = new LinkedHashMap<>();
        Map<String, EngineSource> consulted = new LinkedHashMap<>();
        int position = 0;
        for (JsonNode reference : references) {
            int index = reference.path("index").isIntegralNumber()
                    ? reference.path("index").intValue()
                    : position;
            position++;
            String link = string(reference.path("link"));
            if (link == null || link.isBlank()) {
                continue;
            }
            String url = link.strip();
            String title = string(reference.path("title"));
            if (title == null || title.isBlank()) {
                title = string(reference.path("source"));
            }
            if (cited.contains(index)) {
                cites.putIfAbsent(url, EngineSource.cited(url, title));
            } else {
                consulted.putIfAbsent(url, EngineSource.consulted(url, title));
            }
        }
        List<EngineSource> sources = new ArrayList<>(cites.values());
        consulted.forEach((url, source) -> {
            if (!cites.containsKey(url)) {
                sources.add(source);
            }
        });
        return sources;
    }

    static @Nullable String string(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }
}
