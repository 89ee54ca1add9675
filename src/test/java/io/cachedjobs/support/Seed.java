package io.cachedjobs.support;

import java.util.List;

/** What the seed document (the original API's reference) fixes, written once for the tests. */
public final class Seed {

    /** The provider keys the seed lists as accepted in {@code aiModels}, in its order. */
    public static final List<String> PROVIDER_KEYS = List.of(
            "openai",
            "openai5",
            "openai5gpt",
            "openai51gpt",
            "anthropic",
            "google-generative-ai",
            "perplexity",
            "deepseek",
            "ai-overview",
            "ai-mode",
            "ai-overview2",
            "ai-overview3",
            "ai-mode2",
            "ai-mode3");

    /** The fields of a CachedJob in the seed's response, in its order. */
    public static final List<String> CACHED_JOB_FIELDS = List.of(
            "id",
            "project",
            "query_id",
            "query",
            "aiModels",
            "executionCount",
            "language",
            "country",
            "status",
            "updatedAt",
            "createdAt",
            "restricted");

    private Seed() {}
}
