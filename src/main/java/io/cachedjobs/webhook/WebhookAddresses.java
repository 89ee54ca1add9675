package io.cachedjobs.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which addresses and names a webhook may not be sent to (SSRF): anything but the public internet.
 * {@link InetAddress}'s own predicates, and the few ranges they leave out; an IPv6 address that
 * carries an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address it carries.
 */
final class WebhookAddresses {

    private WebhookAddresses() {}

    /** Why a receiver may not be at {@code address}, or empty when it may. */
    static Optional<String> refusal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of(isMetadata(address) ? "the cloud metadata address" : "a link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address instanceof Inet6Address v6) {
            Optional<Inet4Address> carried = carriedIpv4(v6.getAddress());
            if (carried.isPresent()) {
                return refusal(carried.get()).map(why -> why + " (carried in an IPv6 address)");
            }
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            if (first == 0) {
                return Optional.of("an address of this network (0.0.0.0/8)");
            }
            if (first == 100 && (second & 0xC0) == 64) {
                return Optional.of("a shared address (100.64.0.0/10, carrier-grade NAT)");
            }
            if (first == 192 && second == 0 && (bytes[2] & 0xFF) == 0) {
                return Optional.of("an IETF protocol address (192.0.0.0/24)");
            }
            if (first == 198 && (second & 0xFE) == 18) {
                return Optional.of("a benchmarking address (198.18.0.0/15)");
            }
            if (first >= 240) {
                return Optional.of("a reserved or broadcast address (240.0.0.0/4)");
            }
            return Optional.empty();
        }
        if ((bytes[0] & 0xFE) == 0xFC) {
            return Optional.of("a unique-local address (fc00::/7)");
        }
        return Optional.empty();
    }

    /** Why a receiver may not be at a host of this name, whatever it resolves to, or empty. */
    static Optional<String> refusalOfName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return Optional.of("a name of this machine");
        }
        if (name.equals("metadata")
                || name.equals("metadata.google.internal")
                || name.equals("metadata.goog")
                || name.equals("instance-data")
                || name.endsWith(".internal")) {
            return Optional.of("a cloud metadata or internal name");
        }
        return Optional.empty();
    }

    private static boolean isMetadata(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4
                && (bytes[0] & 0xFF) == 169
                && (bytes[1] & 0xFF) == 254
                && (bytes[2] & 0xFF) == 169
                && (bytes[3] & 0xFF) == 254;
    }

    /**
     * The IPv4 address an IPv6 one carries: IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible
     * ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::/96}) and
     * 6to4 ({@code 2002::/16}).
     */
    private static Optional<Inet4Address> carriedIpv4(byte[] v6) {
        boolean zeros0to9 = true;
        for (int i = 0; i < 10; i++) {
            zeros0to9 &= v6[i] == 0;
        }
        boolean mapped = zeros0to9 && (v6[10] & 0xFF) == 0xFF && (v6[11] & 0xFF) == 0xFF;
        boolean compatible = zeros0to9 && v6[10] == 0 && v6[11] == 0;
        boolean nat64 =
                (v6[0] & 0xFF) == 0x00 && (v6[1] & 0xFF) == 0x64 && (v6[2] & 0xFF) == 0xFF && (v6[3] & 0xFF) == 0x9B;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = v6[i] == 0;
        }
        if (mapped || compatible || nat64) {
            return Optional.of(ipv4(v6[12], v6[13], v6[14], v6[15]));
        }
        if ((v6[0] & 0xFF) == 0x20 && (v6[1] & 0xFF) == 0x02) {
            return Optional.of(ipv4(v6[2], v6[3], v6[4], v6[5]));
        }
        return Optional.empty();
    }

    private static Inet4Address ipv4(byte a, byte b, byte c, byte d) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
