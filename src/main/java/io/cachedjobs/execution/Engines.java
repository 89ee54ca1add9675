package io.cachedjobs.execution;

import io.cachedjobs.engine.AnswerEngine;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The engine each provider key calls: its account (from {@code cachedjobs.engines.providers}),
 * called through the adapter of the account's wire format.
 */
@Component
class Engines {

    private final EnginesProperties properties;

    Engines(EnginesProperties properties) {
        this.properties = properties;
        properties.accounts().forEach((name, account) -> {
            if (account.configured()) {
                throw new IllegalStateException("cachedjobs.engines.accounts." + name
                        + ".api-key is set, but this build has no adapter for it yet (docs/runner.md)");
            }
        });
    }

    /** The engine to ask for {@code providerKey}; empty when its account has no key configured. */
    Optional<AnswerEngine> forProviderKey(String providerKey) {
        EnginesProperties.Provider provider = properties.providers().get(providerKey);
        EnginesProperties.Account account =
                provider == null ? null : properties.accounts().get(provider.account());
        if (account == null || !account.configured()) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
