package io.cachedjobs.analysis;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;

/**
 * Text folded for comparison, one code point at a time, with the way back: for each {@code char} of
 * the folded text, where the code point it came from starts in the original.
 *
 * <p>Folding is Unicode compatibility normalisation (NFKC: full-width letters, ligatures), then,
 * unless case matters, case folding (NFKC_Casefold: {@code ß} is {@code ss}), and, unless accents
 * matter, without the combining diacritics of the Latin, Greek and Cyrillic alphabets ({@code é} is
 * {@code e}, {@code ü} is {@code u}). The marks of other scripts stay (Thai vowels and tones,
 * Devanagari signs, the Japanese voicing marks): they are letters of their words, not accents. A run
 * of white space (line breaks, no-break spaces) is one space, and every dash is {@code -}.
 * Folding one code point at a time keeps every folded {@code char} tied to its source.
 */
public final class Folding {

    private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    final String source;
    final String text;
    /** {@code origin[i]}: the index in {@link #source} where the code point that made folded char i starts. */
    private final int[] origin;
    /** {@code first[i]}: whether folded char i is the first of its code point's output. */
    private final boolean[] first;

    private Folding(String source, String text, int[] origin, boolean[] first) {
        this.source = source;
        this.text = text;
        this.origin = origin;
        this.first = first;
    }

    static Folding of(String source, boolean caseSensitive, boolean accentSensitive) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        int[] origin = new int[source.length() * 3 + 16];
        boolean[] first = new boolean[origin.length];
        for (int i = 0; i < source.length(); ) {
            int codePoint = source.codePointAt(i);
            String folded;
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                // A run of spaces, line breaks or no-break spaces is one space.
                folded = out.length() > 0 && out.charAt(out.length() - 1) == ' ' ? "" : " ";
            } else if (Character.getType(codePoint) == Character.DASH_PUNCTUATION) {
                folded = "-";
            } else {
                folded = fold(codePoint, caseSensitive, accentSensitive);
            }
            if (out.length() + folded.length() > origin.length) {
                int size = Math.max(origin.length * 2, out.length() + folded.length());
                origin = java.util.Arrays.copyOf(origin, size);
                first = java.util.Arrays.copyOf(first, size);
            }
            for (int k = 0; k < folded.length(); k++) {
                origin[out.length() + k] = i;
                first[out.length() + k] = k == 0;
            }
            out.append(folded);
            i += Character.charCount(codePoint);
        }
        return new Folding(source, out.toString(), origin, first);
    }

    /**
     * What two names are compared by when a project's names must be unique: folded without case and
     * accents, so {@code HubSpot}, {@code hubspot} and {@code HÜBSPOT} are one name.
     */
    public static String key(String name) {
        return fold(name, false, false);
    }

    /** A name or alias, folded the same way. */
    static String fold(String text, boolean caseSensitive, boolean accentSensitive) {
        return of(text, caseSensitive, accentSensitive).text;
    }

    /** Whether folded index {@code at} starts a code point of the source (or is the end). */
    boolean startsCodePoint(int at) {
        return at == text.length() || first[at];
    }

    /** The source index where the code point of folded char {@code at} starts; the source's end for the end. */
    int sourceIndex(int at) {
        return at == text.length() ? source.length() : origin[at];
    }

    private static String fold(int codePoint, boolean caseSensitive, boolean accentSensitive) {
        if (!accentSensitive && isAccent(codePoint)) {
            return "";
        }
        String single = new String(Character.toChars(codePoint));
        if (!accentSensitive) {
            String decomposed = NFD.normalize(single);
            if (decomposed.length() != single.length() || !decomposed.equals(single)) {
                StringBuilder kept = new StringBuilder(decomposed.length());
                decomposed.codePoints().filter(c -> !isAccent(c)).forEach(kept::appendCodePoint);
                single = kept.toString();
            }
        }
        return caseSensitive ? NFKC.normalize(single) : NFKC_CASEFOLD.normalize(single);
    }

    /** A combining diacritic shared by the alphabets (script Inherited), but the kana voicing marks. */
    private static boolean isAccent(int codePoint) {
        return UCharacter.getType(codePoint) == UCharacter.NON_SPACING_MARK
                && UScript.getScript(codePoint) == UScript.INHERITED
                && codePoint != 0x3099
                && codePoint != 0x309A;
    }
}
