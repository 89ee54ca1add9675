package io.cachedjobs.provider;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cachedjobs.providers.models.<key>}: the model name each provider key stands for. From the
 * environment a key is written without its hyphens, e.g.
 * {@code CACHEDJOBS_PROVIDERS_MODELS_GOOGLEGENERATIVEAI=gemini-3-flash-preview}.
 */
@ConfigurationProperties("cachedjobs.providers")
record ProviderProperties(Map<ProviderKey, String> models) {}
