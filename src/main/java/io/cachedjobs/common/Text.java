package io.cachedjobs.common;

import java.text.Normalizer;

/**
 * Text as the service keeps it: trimmed of what a user cannot see at either end, in Unicode
 * Normalization Form C. Every JSON string the API reads goes through {@link #clean} once, before
 * validation, so that limits count and duplicates compare what the user typed rather than how their
 * keyboard or clipboard encoded it. Services call it again where they build what they store, so that
 * text reaching them from Java (demo data, other services) is held to the same rule; it changes
 * nothing on clean text.
 */
public final class Text {

    private Text() {}

    /**
     * {@code value} trimmed of {@linkplain #isInvisibleAtEdge invisible characters} at both ends and
     * in NFC; {@code ""} when nothing visible is left, {@code null} for {@code null}.
     */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = strip(value);
        if (Normalizer.isNormalized(trimmed, Normalizer.Form.NFC)) {
            return trimmed;
        }
        // Trimmed first: none of the characters trimmed composes with a neighbour, so the ends stay
        return Normalizer.normalize(trimmed, Normalizer.Form.NFC);
    }

    /**
     * Whether {@code codePoint} is trimmed from the ends of text: whitespace and space separators
     * (NBSP, U+3000, line and paragraph separators), control characters (as {@link String#trim} did,
     * and newlines and tabs) and invisible format characters (zero-width space, BOM, joiners,
     * direction marks, soft hyphen).
     *
     * <p>Three kinds of format character stay: the bidirectional embeddings, overrides and isolates
     * (U+202A–U+202E, U+2066–U+2069), so that a name holding one is refused rather than quietly
     * altered (see {@link #refusedInName}); the tag characters (U+E0000–U+E007F), which end the
     * emoji flags of regions such as Scotland; and the prepended concatenation marks (U+0600–U+0605
     * and others), which are visible signs written before a number.
     */
    public static boolean isInvisibleAtEdge(int codePoint) {
        if (Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint)) {
            return true;
        }
        return Character.getType(codePoint) == Character.FORMAT
                && !isBidiControl(codePoint)
                && !(codePoint >= 0xE0000 && codePoint <= 0xE007F)
                && !isPrependedConcatenationMark(codePoint);
    }

    /**
     * The first character of {@code name} a name may not hold, or {@code -1}: control characters (C0
     * and C1, newline and tab included), the line and paragraph separators (U+2028, U+2029), and the
     * bidirectional embeddings, overrides and isolates, which can make a name display as another
     * (U+202E before {@code gpj.exe} shows it as {@code exe.jpg}). A name is one line of text
     * shown in lists and menus; none of these belongs in one.
     */
    public static int refusedInName(String name) {
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            if (Character.isISOControl(codePoint)
                    || codePoint == 0x2028
                    || codePoint == 0x2029
                    || isBidiControl(codePoint)) {
                return codePoint;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }

    /** U+XXXX, the way the API names a character in a message. */
    public static String codePointName(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    /** The embeddings and overrides (U+202A–U+202E) and the isolates (U+2066–U+2069). */
    static boolean isBidiControl(int codePoint) {
        return (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /** Unicode's Prepended_Concatenation_Mark property, which Java does not expose. */
    private static boolean isPrependedConcatenationMark(int codePoint) {
        return (codePoint >= 0x0600 && codePoint <= 0x0605)
                || codePoint == 0x06DD
                || codePoint == 0x070F
                || codePoint == 0x0890
                || codePoint == 0x0891
                || codePoint == 0x08E2
                || codePoint == 0x110BD
                || codePoint == 0x110CD;
    }

    private static String strip(String value) {
        int start = 0;
        int end = value.length();
        while (start < end) {
            int codePoint = value.codePointAt(start);
            if (!isInvisibleAtEdge(codePoint)) {
                break;
            }
            start += Character.charCount(codePoint);
        }
        while (end > start) {
            int codePoint = value.codePointBefore(end);
            if (!isInvisibleAtEdge(codePoint)) {
                break;
            }
            end -= Character.charCount(codePoint);
        }
        return start == 0 && end == value.length() ? value : value.substring(start, end);
    }
}
