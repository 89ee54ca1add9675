package io.cachedjobs.analysis;

import io.cachedjobs.engine.SourceUrls;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer's text as the analysis reads it, its <em>cleaned text</em>: the Markdown an engine wrote,
 * without what only points elsewhere. Offsets of mentions count code points of this text.
 *
 * <ul>
 *   <li>a link {@code [label](url)} (or an image {@code ![alt](url)}) becomes its label;
 *   <li>links whose labels are only addresses, alone in parentheses ({@code
 *       ([example.com](https://...))}, the way OpenAI cites), are a citation: removed with the
 *       parentheses;
 *   <li>citation markers are removed: {@code [3]}, {@code [1][2]}, {@code [1, 2]}, {@code [^3]},
 *       {@code 【4†source】};
 *   <li>reference definitions ({@code [1]: https://...} on a line of their own) are removed;
 *   <li>a bare address keeps its place, without tracking parameters or fragment ({@link
 *       SourceUrls#clean}), so that {@code utm_source=HubSpot} names nobody;
 *   <li>the result is in Unicode Normalization Form C. Nothing else changes: emphasis, lists,
 *       headings and line breaks stay.
 * </ul>
 */
final class AnswerText {

    /** A label that is an address or a bare domain: a citation, not prose. */
    private static final String ADDRESS_LABEL =
            "(?:https?://\\S+|(?:www\\.)?[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+(?:/\\S*)?)";

    private static final String DESTINATION =
            "\\(\\s*<?[^()\\s<>]*(?:\\([^()\\s]*\\)[^()\\s<>]*)*>?(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)";

    /** One or more address-labelled links, alone in parentheses: {@code ([example.com](https://...))}. */
    private static final Pattern CITATION_GROUP =
            Pattern.compile("[ \\t]*\\(\\s*(?:\\[" + ADDRESS_LABEL + "\\]" + DESTINATION + "\\s*[,;]?\\s*)+\\)");

    private static final Pattern LINK = Pattern.compile("!?\\[((?:[^\\[\\]]|\\[[^\\[\\]]*\\])*)\\]" + DESTINATION);

    private static final Pattern REFERENCE_DEFINITION =
            Pattern.compile("(?m)^[ ]{0,3}\\[[^\\]\\n]+\\]:[ \\t]*\\S+.*(?:\\n|$)");

    private static final Pattern CITATION_MARKER =
            Pattern.compile("[ \\t]*(?:\\[\\^?\\d{1,4}(?:\\s*[,;–-]\\s*\\^?\\d{1,4})*\\])+|【[^】\\n]{0,80}】");

    private static final Pattern AUTOLINK = Pattern.compile("<(https?://[^>\\s]+)>");

    private static final Pattern BARE_URL = Pattern.compile("https?://[^\\s<>()\\[\\]\"']+");

    private AnswerText() {}

    /** The cleaned text of {@code answer}; {@code ""} for null. */
    static String clean(String answer) {
        if (answer == null) {
            return "";
        }
        String text = Normalizer.normalize(answer, Normalizer.Form.NFC);
        text = REFERENCE_DEFINITION.matcher(text).replaceAll("");
        text = CITATION_GROUP.matcher(text).replaceAll("");
        text = replace(LINK, text, link -> link.group(1));
        text = CITATION_MARKER.matcher(text).replaceAll("");
        text = replace(AUTOLINK, text, link -> SourceUrls.clean(link.group(1)));
        text = replace(
                BARE_URL, text, url -> SourceUrls.clean(trimTrailingPunctuation(url.group())) + trailing(url.group()));
        return text;
    }

    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    private static String trailing(String url) {
        return url.substring(trimTrailingPunctuation(url).length());
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
