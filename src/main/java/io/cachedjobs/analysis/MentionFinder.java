package io.cachedjobs.analysis;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Finds the mentions of a project's entities in a cleaned answer text ({@link AnswerText}).
 *
 * <p>A name or alias is found where its folded form ({@link Folding}) occurs in the folded text and
 * both of its ends are word boundaries of the text: ICU's word boundaries (with the dictionaries of
 * Chinese, Japanese, Thai, Lao, Khmer and Burmese, which write no spaces), or an end next to
 * something that is no letter, digit or mark (so {@code Acme} is found in {@code acme.io} and in
 * {@code Acme's}, {@code Apple} not in {@code Pineapple}, {@code HubSpot} not in {@code HubSpotter}).
 * In those languages a name is found where it spans whole ICU words. Where found names overlap, the
 * longest wins ({@code HubSpot CRM} over {@code HubSpot}), then the one that starts first.
 */
final class MentionFinder {

    /** Where one entity's accepted mentions are: their number and the first one's start, in chars. */
    record Found(int count, int firstChar) {}

    private MentionFinder() {}

    /** The entities found in {@code text}, by id; an entity not found has no entry. */
    static Map<UUID, Found> find(String text, List<TrackedEntity> entities) {
        if (text.isEmpty() || entities.isEmpty()) {
            return Map.of();
        }
        Map<Integer, Folding> foldings = new HashMap<>();
        BreakIterator words = BreakIterator.getWordInstance(ULocale.ROOT);
        words.setText(text);
        List<Span> candidates = new ArrayList<>();
        for (int index = 0; index < entities.size(); index++) {
            TrackedEntity entity = entities.get(index);
            int key = (entity.caseSensitive() ? 1 : 0) | (entity.accentSensitive() ? 2 : 0);
            Folding folding = foldings.computeIfAbsent(
                    key, k -> Folding.of(text, entity.caseSensitive(), entity.accentSensitive()));
            for (String name : entity.names()) {
                String folded = Folding.fold(name, entity.caseSensitive(), entity.accentSensitive());
                if (folded.isEmpty()) {
                    continue;
                }
                for (int at = folding.text.indexOf(folded); at >= 0; at = folding.text.indexOf(folded, at + 1)) {
                    int end = at + folded.length();
                    if (!folding.startsCodePoint(at) || !folding.startsCodePoint(end)) {
                        continue;
                    }
                    int start = folding.sourceIndex(at);
                    int stop = folding.sourceIndex(end);
                    if (boundary(text, words, start) && boundary(text, words, stop)) {
                        candidates.add(new Span(start, stop, index));
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingInt((Span span) -> span.start - span.end)
                .thenComparingInt(Span::start)
                .thenComparingInt(Span::entity));
        TreeMap<Integer, Integer> taken = new TreeMap<>();
        Map<UUID, Found> found = new HashMap<>();
        for (Span span : candidates) {
            Map.Entry<Integer, Integer> before = taken.floorEntry(span.start);
            Map.Entry<Integer, Integer> after = taken.ceilingEntry(span.start);
            if ((before != null && before.getValue() > span.start) || (after != null && after.getKey() < span.end)) {
                continue;
            }
            taken.put(span.start, span.end);
            found.merge(
                    entities.get(span.entity).id(),
                    new Found(1, span.start),
                    (a, b) -> new Found(a.count() + 1, Math.min(a.firstChar(), b.firstChar())));
        }
        return found;
    }

    private record Span(int start, int end, int entity) {}

    private static boolean boundary(String text, BreakIterator words, int at) {
        if (at <= 0 || at >= text.length()) {
            return true;
        }
        if (!wordLike(text.codePointBefore(at)) || !wordLike(text.codePointAt(at))) {
            return true;
        }
        return words.isBoundary(at);
    }

    private static boolean wordLike(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetterOrDigit(codePoint)
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
