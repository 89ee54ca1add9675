package io.cachedjobs.engine;

/**
 * One question to an engine.
 *
 * @param model the engine's model name, as the provider catalogue maps it (e.g. {@code gpt-4.1-mini})
 * @param query the question, as the brand's user would type it
 * @param language its language: a lower-case ISO 639-1 code, optionally with a region ({@code en},
 *     {@code zh-cn}); engines that take no language get it in the prompt or not at all
 * @param country where it is asked from: an upper-case ISO 3166-1 alpha-2 code ({@code US})
 */
public record EngineQuestion(String model, String query, String language, String country) {}
