package io.cachedjobs.webhook;

import io.cachedjobs.problem.InvalidRequestException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SSRF guard: a receiver's URL, read ({@link #parse}) and checked ({@link #check}) when it is
 * saved and again before every attempt, and the one address an attempt connects to, so that a name
 * that resolves elsewhere after the check (DNS rebinding) is not followed. Unless {@code
 * cachedjobs.webhooks.allow-private-addresses}, a URL must be {@code https} and its host must not be
 * nor resolve to any address {@link WebhookAddresses} refuses.
 */
final class WebhookTargets {

    static final int MAX_URL_LENGTH = 2000;

    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");

    /** Where an attempt connects: the URL, and the checked address of its host. */
    record Target(URI url, String host, InetAddress address, int port) {}

    /** Why a URL is not called. */
    static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    private final WebhookHostResolver resolver;
    private final boolean allowPrivate;

    WebhookTargets(WebhookHostResolver resolver, boolean allowPrivate) {
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
    }

    /**
     * {@code url} read as an absolute {@code http} or {@code https} URL with a host and without user
     * information.
     *
     * @throws InvalidRequestException (400) naming {@code field} when it is none
     */
    static URI parse(String field, String url) {
        if (url.length() > MAX_URL_LENGTH) {
            throw InvalidRequestException.of(field, "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw InvalidRequestException.of(field, "must be a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            throw InvalidRequestException.of(field, "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw InvalidRequestException.of(field, "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw InvalidRequestException.of(field, "must not hold a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw InvalidRequestException.of(field, "must not hold a fragment (#...)");
        }
        return uri;
    }

    /**
     * Where {@code url} (from {@link #parse}) may be called, resolved now.
     *
     * @throws Refused when it may not: not https, a refused name, a name that does not resolve, or
     *     one that resolves to a refused address (any of its addresses)
     */
    Target check(URI url) throws Refused {
        boolean https = url.getScheme().equalsIgnoreCase("https");
        if (!https && !allowPrivate) {
            throw new Refused("must be https");
        }
        String host = url.getHost();
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        String bare = bracketed ? host.substring(1, host.length() - 1) : host;
        if (!allowPrivate) {
            Optional<String> name = WebhookAddresses.refusalOfName(bare);
            if (name.isPresent()) {
                throw new Refused("the host " + bare + " is " + name.get());
            }
        }
        List<InetAddress> addresses;
        try {
            addresses = bracketed || IPV4_LITERAL.matcher(bare).matches()
                    // A literal address: parsed, never looked up.
                    ? List.of(InetAddress.getByName(bare))
                    : resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new Refused("the host " + bare + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new Refused("the host " + bare + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                Optional<String> why = WebhookAddresses.refusal(address);
                if (why.isPresent()) {
                    throw new Refused("the host " + bare + " is " + why.get() + " (" + address.getHostAddress()
                            + "): webhooks go to public addresses only");
                }
            }
        }
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        return new Target(url, bare, addresses.get(0), port);
    }
}
