package io.cachedjobs.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;

/**
 * Readable operation ids: the controller method's verb and its feature, {@code createProject},
 * {@code listQueries}, {@code triggerCachedJobs}. springdoc would name them after the method alone
 * and number the clashes ({@code create_1}), which client generators turn into method names.
 */
@Configuration(proxyBeanMethods = false)
class OperationIds {

    /** Verbs that act on many resources at once and so take the feature's plural. */
    private static final Set<String> MANY = Set.of("list", "trigger");

    /** The suffix of a verb that acts on a batch: {@code createMany} is {@code create} plural. */
    private static final String BATCH_SUFFIX = "Many";

    @Bean
    OperationCustomizer readableOperationIds() {
        return (operation, handler) -> {
            String id = operationId(handler);
            if (id != null) {
                operation.setOperationId(id);
            }
            return operation;
        };
    }

    /**
     * The id of a controller method: its name, then its feature (the controller's {@link Tag}, e.g.
     * "Cached jobs") in the plural for lists and batches, in the singular otherwise; null for a
     * controller without a tag, which keeps springdoc's id.
     */
    static String operationId(HandlerMethod handler) {
        Tag tag = handler.getBeanType().getAnnotation(Tag.class);
        if (tag == null) {
            return null;
        }
        String plural = pascalCase(tag.name());
        String verb = handler.getMethod().getName();
        if (verb.endsWith(BATCH_SUFFIX) && verb.length() > BATCH_SUFFIX.length()) {
            return verb.substring(0, verb.length() - BATCH_SUFFIX.length()) + plural;
        }
        return verb + (MANY.contains(verb) ? plural : singular(plural));
    }

    /** "Cached jobs" as {@code CachedJobs}, "API keys" as {@code ApiKeys}. */
    private static String pascalCase(String words) {
        return Arrays.stream(words.trim().split("\\s+"))
                .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT)
                        + word.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining());
    }

    /** The feature names are regular English plurals: {@code Queries}, {@code Tags}. */
    private static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
    }
}
