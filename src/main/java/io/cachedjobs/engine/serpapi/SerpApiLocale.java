package io.cachedjobs.engine.serpapi;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A question's country and language as Google's search parameters spell them (engines.md 5.9):
 * {@code gl} is the country in lower case, with Google's own codes where they differ from ISO 3166
 * ({@code GB} is {@code uk}); {@code hl} is the language in lower case with its region in upper case
 * ({@code zh-cn} is {@code zh-CN}, {@code en} stays {@code en}).
 */
final class SerpApiLocale {

    /** ISO 3166-1 codes that Google's {@code gl} spells otherwise. */
    private static final Map<String, String> COUNTRIES = Map.of("gb", "uk");

    private SerpApiLocale() {}

    /** The {@code gl} for {@code country}, null when there is none. */
    static @Nullable String gl(@Nullable String country) {
        if (country == null || country.isBlank()) {
            return null;
        }
        String code = country.strip().toLowerCase(Locale.ROOT);
        return COUNTRIES.getOrDefault(code, code);
    }

    /** The {@code hl} for {@code language}, null when there is none. */
    static @Nullable String hl(@Nullable String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String[] parts = language.strip().replace('_', '-').split("-", 2);
        String base = parts[0].toLowerCase(Locale.ROOT);
        return parts.length == 1 || parts[1].isEmpty() ? base : base + "-" + parts[1].toUpperCase(Locale.ROOT);
    }
}
