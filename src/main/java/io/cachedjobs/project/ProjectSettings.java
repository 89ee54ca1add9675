package io.cachedjobs.project;

import io.cachedjobs.provider.ProviderKey;
import java.util.List;

/** What a project asks of its cached jobs when a call leaves it out: providers and run count. */
public record ProjectSettings(List<ProviderKey> llmProviders, int executionCount) {

    public ProjectSettings {
        llmProviders = List.copyOf(llmProviders);
    }
}
