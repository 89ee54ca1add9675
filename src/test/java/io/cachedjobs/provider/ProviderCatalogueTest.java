package io.cachedjobs.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.ApiTest;
import io.cachedjobs.support.Seed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;

class ProviderCatalogueTest extends ApiTest {

    @Autowired
    ProviderCatalogue catalogue;

    @Test
    void theCatalogueListsEveryKeyOfTheSeedWithItsModel() {
        createOrganisation("Provider reader");
        JsonNode providers = api.get("/api/ai-providers").send().json();

        List<String> keys = new ArrayList<>();
        providers.forEach(provider -> keys.add(provider.get("key").asString()));
        assertThat(keys).containsExactlyElementsOf(Seed.PROVIDER_KEYS);
        assertThat(providers.get(0).get("model").asString()).isEqualTo("gpt-4.1-mini");
        assertThat(providers.get(5).get("model").asString()).isEqualTo("gemini-2.5-flash");
        providers.forEach(
                provider -> assertThat(provider.get("description").asString()).isNotBlank());
        // The tests configure no engine key: every account is there, none is called.
        assertThat(providers.get(0).at("/engine/account").asString()).isEqualTo("openai");
        assertThat(providers.get(8).at("/engine/account").asString()).isEqualTo("serpapi");
        providers.forEach(
                provider -> assertThat(provider.at("/engine/status").asString()).isEqualTo("not_configured"));
    }

    @Test
    void theAcceptedKeysMessageNamesExactlyTheKeys() {
        assertThat(ProviderKey.ACCEPTED.split(", ")).containsExactlyElementsOf(Seed.PROVIDER_KEYS);
    }

    @Test
    void modelsComeInKeyOrderEachOnceBesideTheKeyThatChoseThem() {
        ProviderCatalogue.Selection selection =
                catalogue.modelsFor(List.of(ProviderKey.PERPLEXITY, ProviderKey.OPENAI, ProviderKey.PERPLEXITY));
        assertThat(selection.models()).containsExactly("sonar", "gpt-4.1-mini");
        assertThat(selection.providerKeys()).containsExactly("perplexity", "openai");
    }

    private static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("cachedjobs.providers.models.openai", "gpt-4.1-mini"),
            Map.entry("cachedjobs.providers.models.openai5", "gpt-5-mini"),
            Map.entry("cachedjobs.providers.models.openai5gpt", "gpt-5-chat-latest"),
            Map.entry("cachedjobs.providers.models.openai51gpt", "gpt-5.1-chat-latest"),
            Map.entry("cachedjobs.providers.models.anthropic", "claude-haiku-4-5"),
            Map.entry("cachedjobs.providers.models.google-generative-ai", "gemini-2.5-flash"),
            Map.entry("cachedjobs.providers.models.perplexity", "sonar"),
            Map.entry("cachedjobs.providers.models.deepseek", "deepseek-v3.2-maas"),
            Map.entry("cachedjobs.providers.models.ai-overview", "ai-overview"),
            Map.entry("cachedjobs.providers.models.ai-mode", "ai-mode"),
            Map.entry("cachedjobs.providers.models.ai-overview2", "ai-overview-2"),
            Map.entry("cachedjobs.providers.models.ai-overview3", "ai-overview-3"),
            Map.entry("cachedjobs.providers.models.ai-mode2", "ai-mode-2"));

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withBean(ProviderCatalogue.class);

    @Test
    void anEnvironmentVariableOverridesOneKeysModel() {
        runner.withInitializer(context -> {
                    var sources = context.getEnvironment().getPropertySources();
                    sources.addLast(new org.springframework.core.env.MapPropertySource("yaml", withLastKey()));
                    sources.addFirst(new SystemEnvironmentPropertySource(
                            "env",
                            Map.of(
                                    "CACHEDJOBS_PROVIDERS_MODELS_GOOGLE_GENERATIVE_AI", "gemini-3-flash-preview",
                                    "CACHEDJOBS_PROVIDERS_MODELS_AI_MODE3", "ai-mode-next")));
                    // As SpringApplication does, so that hyphens in keys match underscores in variables.
                    ConfigurationPropertySources.attach(context.getEnvironment());
                })
                .run(context -> {
                    ProviderCatalogue overridden = context.getBean(ProviderCatalogue.class);
                    assertThat(overridden
                                    .modelsFor(List.of(ProviderKey.GOOGLE_GENERATIVE_AI))
                                    .models()
                                    .get(0))
                            .isEqualTo("gemini-3-flash-preview");
                    assertThat(overridden
                                    .modelsFor(List.of(ProviderKey.AI_MODE3))
                                    .models()
                                    .get(0))
                            .isEqualTo("ai-mode-next");
                    assertThat(overridden
                                    .modelsFor(List.of(ProviderKey.OPENAI))
                                    .models()
                                    .get(0))
                            .isEqualTo("gpt-4.1-mini");
                });
    }

    @Test
    void aKeyWithoutModelStopsTheStart() {
        runner.withPropertyValues(DEFAULTS.entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new))
                .run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("ai-mode3"));
    }

    private static Map<String, Object> withLastKey() {
        Map<String, Object> all = new java.util.HashMap<>(DEFAULTS);
        all.put("cachedjobs.providers.models.ai-mode3", "ai-mode-3");
        return all;
    }
}
