package io.cachedjobs.query;

import io.cachedjobs.common.Text;
import java.util.Locale;

/**
 * What makes a query a duplicate of another in its project: its text as {@link Text#clean} keeps it
 * (trimmed, in NFC, so {@code café} typed with a combining accent is the same query), its
 * normalised language and its country.
 */
record QueryKey(String text, String language, String country) {

    static QueryKey of(String text, String language, String country) {
        return new QueryKey(
                Text.clean(text),
                LanguageCode.Validator.normalise(language),
                country.trim().toUpperCase(Locale.ROOT));
    }

    static QueryKey of(CreateQueryRequest request) {
        return of(request.query(), request.language(), request.country());
    }

    static QueryKey of(QuerySnapshot snapshot) {
        return new QueryKey(snapshot.query(), snapshot.language(), snapshot.country());
    }

    /** This key with each field the update gives replaced. */
    QueryKey with(UpdateQueryRequest update) {
        return of(
                update.query() == null ? text : update.query(),
                update.language() == null ? language : update.language(),
                update.country() == null ? country : update.country());
    }
}
