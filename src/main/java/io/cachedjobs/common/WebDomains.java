package io.cachedjobs.common;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Domains as the analysis compares them: a host reduced to its registrable domain (the part a
 * registrant owns, one label below a public suffix), with the public suffix list Guava keeps. So
 * {@code blog.hubspot.com} is {@code hubspot.com}, {@code shop.example.co.uk} is {@code
 * example.co.uk} (not {@code co.uk}), and {@code acme.github.io} stays itself ({@code github.io} is a
 * suffix under which anyone registers). A host with no registrable domain (an IP address, {@code
 * localhost}) stands for itself. Domains are lower case, in ASCII (international names in their
 * {@code xn--} form), without a trailing dot.
 */
public final class WebDomains {

    private WebDomains() {}

    /**
     * The registrable domain of {@code host} (lower case, ASCII), or the host itself when it has none
     * (an IP address, a single label, a name that is itself a public suffix), without {@code www.};
     * empty for a blank host.
     */
    public static String registrable(String host) {
        String ascii = ascii(host);
        if (ascii.isEmpty() || InetAddresses.isInetAddress(stripBrackets(ascii))) {
            return ascii;
        }
        try {
            InternetDomainName name = InternetDomainName.from(ascii);
            if (name.isUnderPublicSuffix()) {
                return name.topPrivateDomain().toString();
            }
            return ascii.startsWith("www.") ? ascii.substring(4) : ascii;
        } catch (IllegalArgumentException | IllegalStateException notADomain) {
            return ascii;
        }
    }

    /**
     * What a user typed for a domain ({@code HubSpot.com}, {@code https://www.hubspot.com/pricing},
     * {@code blog.hubspot.com}, {@code bücher.de}) as the registrable domain it names, or, for a host
     * under no known public suffix ({@code acme.example}, {@code intranet.corp}), that host without
     * {@code www.}; empty when it names none (a single label such as {@code localhost}, a public suffix
     * alone such as {@code co.uk}, an IP address, a user name or bad syntax).
     */
    public static Optional<String> parse(String typed) {
        String host = typed.strip();
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int end = firstOf(host, "/?#");
        host = host.substring(0, end);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            return Optional.empty();
        }
        int port = host.lastIndexOf(':');
        if (port >= 0 && host.substring(port + 1).chars().allMatch(Character::isDigit)) {
            host = host.substring(0, port);
        }
        String ascii;
        try {
            ascii = ascii(host);
        } catch (IllegalArgumentException notAName) {
            return Optional.empty();
        }
        if (ascii.isEmpty()
                || InetAddresses.isInetAddress(stripBrackets(ascii))
                || !InternetDomainName.isValid(ascii)) {
            return Optional.empty();
        }
        InternetDomainName name = InternetDomainName.from(ascii);
        if (name.isUnderPublicSuffix()) {
            return Optional.of(name.topPrivateDomain().toString());
        }
        if (name.isPublicSuffix() || !name.hasParent()) {
            return Optional.empty();
        }
        return Optional.of(ascii.startsWith("www.") ? ascii.substring(4) : ascii);
    }

    /** Whether {@code host} is {@code domain} or one of its subdomains. */
    public static boolean isOn(String host, String domain) {
        return host.equals(domain)
                || (host.endsWith(domain) && host.charAt(host.length() - domain.length() - 1) == '.');
    }

    private static String ascii(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.isEmpty()) {
            return lower;
        }
        boolean plain = lower.chars().allMatch(c -> c < 0x80);
        return plain ? lower : IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int firstOf(String text, String characters) {
        int first = text.length();
        for (char c : characters.toCharArray()) {
            int at = text.indexOf(c);
            if (at >= 0 && at < first) {
                first = at;
            }
        }
        return first;
    }
}
