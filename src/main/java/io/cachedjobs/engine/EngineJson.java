package io.cachedjobs.engine;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading engines' JSON the way every adapter must: leniently, since an engine's body may not be
 * JSON at all (a proxy's HTML page, a truncated answer), and a field may be missing or of another
 * type than documented.
 */
public final class EngineJson {

    /** Jackson with its defaults: the engines' own field names, unknown fields ignored by tree reads. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private EngineJson() {}

    /** The body as a JSON object; empty when it is no JSON object. */
    public static Optional<JsonNode> object(EngineHttp.Reply reply) {
        try {
            JsonNode tree = JSON.readTree(reply.body());
            return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** The node's text when it is a string, else {@code otherwise}. */
    public static @Nullable String string(JsonNode node, @Nullable String otherwise) {
        return node.isString() ? node.stringValue() : otherwise;
    }

    /** The node as a count: a non-negative whole number, 0 when it is none. */
    public static long count(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToLong() ? Math.max(0, node.longValue()) : 0;
    }

    /** {@code value} without surrounding white space; null stays null. */
    public static @Nullable String trimmed(@Nullable String value) {
        return value == null ? null : value.trim();
    }
}
