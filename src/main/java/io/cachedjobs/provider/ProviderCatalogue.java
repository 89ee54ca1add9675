package io.cachedjobs.provider;

import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one place that knows which model a provider key stands for: {@code
 * cachedjobs.providers.models.<key>}. Each key is looked up by its own name, so the usual precedence
 * holds and an environment variable overrides one key, its dots and hyphens written as underscores:
 * {@code CACHEDJOBS_PROVIDERS_MODELS_GOOGLE_GENERATIVE_AI=gemini-3-flash-preview}.
 */
@Component
public class ProviderCatalogue {

    static final String PREFIX = "cachedjobs.providers.models.";

    private final Map<ProviderKey, String> models = new EnumMap<>(ProviderKey.class);

    ProviderCatalogue(Environment environment) {
        for (ProviderKey key : ProviderKey.values()) {
            String model = environment.getProperty(PREFIX + key.key());
            if (model != null && !model.isBlank()) {
                models.put(key, model.trim());
            }
        }
        List<String> missing = Arrays.stream(ProviderKey.values())
                .filter(key -> !models.containsKey(key))
                .map(ProviderKey::key)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No model configured (" + PREFIX + "<key>) for provider keys " + missing);
        }
    }

    /**
     * What a job asks: model names for the keys, in the keys' order, each model once (a model two
     * keys stand for is asked for the first of them), beside the key it was chosen by.
     */
    public Selection modelsFor(Collection<ProviderKey> keys) {
        Map<String, String> keyOfModel = new LinkedHashMap<>();
        for (ProviderKey key : keys) {
            keyOfModel.putIfAbsent(models.get(key), key.key());
        }
        return new Selection(List.copyOf(keyOfModel.values()), List.copyOf(keyOfModel.keySet()));
    }

    /** Model names and the provider key each was chosen by, in the same order. */
    public record Selection(List<String> providerKeys, List<String> models) {}

    /**
     * Refuses model names no key stands for: a filter on one is a mistake (a provider key instead
     * of a model, a typo), never an empty answer.
     *
     * @param field the request field of the list, for the problem's {@code field[index]}
     * @throws InvalidRequestException naming each unknown entry
     */
    public void requireKnownModels(List<String> names, String field) {
        if (names == null) {
            return;
        }
        Set<String> known = models();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names.get(i))) {
                problems.add(new FieldProblem(field + "[" + i + "]", "must be one of: " + String.join(", ", known)));
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
    }

    /** Every model name some key stands for. */
    public Set<String> models() {
        return new TreeSet<>(models.values());
    }

    /** Every key, its model, and where its engine account stands. */
    public List<ProviderResponse> all(EngineStatuses engines) {
        Map<String, EngineStatus> statuses = engines.statusesOf(
                Arrays.stream(ProviderKey.values()).map(ProviderKey::key).toList());
        return Arrays.stream(ProviderKey.values())
                .map(key -> new ProviderResponse(key, models.get(key), key.description(), statuses.get(key.key())))
                .toList();
    }
}
