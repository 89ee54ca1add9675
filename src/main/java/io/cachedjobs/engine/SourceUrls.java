package io.cachedjobs.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A source's address as stored: without tracking parameters ({@code utm_*}, click ids) or fragment,
 * so that one page cited through two campaigns is one source; and its host, lower case, without
 * {@code www.}. (The registrable domain, from the public suffix list, is {@code common/WebDomains}'.) Adapters
 * use it to see one page cited twice; the runner stores sources by it.
 */
public final class SourceUrls {

    /** Parameters that say how the reader came, not which page it is. */
    private static final Set<String> TRACKING = Set.of(
            "gclid",
            "gbraid",
            "wbraid",
            "dclid",
            "fbclid",
            "msclkid",
            "yclid",
            "twclid",
            "ttclid",
            "li_fat_id",
            "mc_cid",
            "mc_eid",
            "_hsenc",
            "_hsmi",
            "srsltid",
            "igshid",
            "ref_src");

    private SourceUrls() {}

    /** {@code url} without tracking parameters and fragment, its scheme and host in lower case. */
    public static String clean(String url) {
        String address = url.strip();
        int fragment = address.indexOf('#');
        if (fragment >= 0) {
            address = address.substring(0, fragment);
        }
        int queryAt = address.indexOf('?');
        String base = queryAt < 0 ? address : address.substring(0, queryAt);
        String query = queryAt < 0
                ? ""
                : Arrays.stream(address.substring(queryAt + 1).split("&"))
                        .filter(part -> !part.isEmpty() && !tracking(part))
                        .collect(Collectors.joining("&"));
        int authority = base.indexOf("://");
        if (authority > 0) {
            int path = base.indexOf('/', authority + 3);
            int end = path < 0 ? base.length() : path;
            base = base.substring(0, end).toLowerCase(Locale.ROOT) + base.substring(end);
        }
        return query.isEmpty() ? base : base + "?" + query;
    }

    /** The host of {@code url}, lower case, without a leading {@code www.}; empty when it has none. */
    public static String host(String url) {
        try {
            String host = new URI(url.strip()).getHost();
            if (host == null) {
                return "";
            }
            String lower = host.toLowerCase(Locale.ROOT);
            return lower.startsWith("www.") ? lower.substring(4) : lower;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static boolean tracking(String parameter) {
        String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
        return name.startsWith("utm_") || TRACKING.contains(name);
    }
}
