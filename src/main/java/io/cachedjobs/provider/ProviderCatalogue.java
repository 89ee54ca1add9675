package io.cachedjobs.provider;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The one place that knows which model a provider key stands for. */
@Component
@EnableConfigurationProperties(ProviderProperties.class)
public class ProviderCatalogue {

    private final Map<ProviderKey, String> models;

    ProviderCatalogue(ProviderProperties properties) {
        Map<ProviderKey, String> configured = properties.models() == null ? Map.of() : properties.models();
        List<String> missing = Arrays.stream(ProviderKey.values())
                .filter(key ->
                        configured.get(key) == null || configured.get(key).isBlank())
                .map(ProviderKey::key)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "No model configured (cachedjobs.providers.models.<key>) for provider keys " + missing);
        }
        this.models = new EnumMap<>(configured);
        this.models.replaceAll((key, model) -> model.trim());
    }

    public String modelFor(ProviderKey key) {
        return models.get(key);
    }

    /** Model names for the keys, in the keys' order, each model once. */
    public List<String> modelsFor(Collection<ProviderKey> keys) {
        return List.copyOf(keys.stream().map(models::get).collect(Collectors.toCollection(LinkedHashSet::new)));
    }

    public List<ProviderResponse> all() {
        return Arrays.stream(ProviderKey.values())
                .map(key -> new ProviderResponse(key, models.get(key), key.description()))
                .toList();
    }
}
