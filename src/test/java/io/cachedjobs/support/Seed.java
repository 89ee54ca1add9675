package io.cachedjobs.support;

import java.util.List;
import java.util.stream.Stream;

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

    /**
     * The fields a CachedJob answers: the seed's, in its order, then what running it adds (issue
     * 13): its executions by status, and how it ended and what it cost.
     */
    public static final List<String> CACHED_JOB_ANSWER_FIELDS = Stream.concat(
                    CACHED_JOB_FIELDS.stream(),
                    Stream.of(
                            "totalExecutions",
                            "pendingExecutions",
                            "runningExecutions",
                            "retryingExecutions",
                            "successExecutions",
                            "failedExecutions",
                            "outcome",
                            "costMicros"))
            .toList();

    private Seed() {}
}
