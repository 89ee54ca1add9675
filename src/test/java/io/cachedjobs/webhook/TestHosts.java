package io.cachedjobs.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Host names for the webhook tests, resolved from this table and never by DNS (there is none here):
 * a test makes a name resolve where it needs, and may change it between a save and a send.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestHosts {

    /** A public address no test ever connects to (TEST-NET-1, RFC 5737): only checked. */
    public static final String PUBLIC = "192.0.2.10";

    private static final Map<String, List<String>> TABLE = new ConcurrentHashMap<>(Map.of(
            "hooks.example.com", List.of(PUBLIC),
            "rebind.example.com", List.of(PUBLIC),
            "private.example.com", List.of("10.0.0.1"),
            "metadata.example.com", List.of("169.254.169.254"),
            "loopback.example.com", List.of("127.0.0.1"),
            "v6.example.com", List.of("fd00::1"),
            "mapped.example.com", List.of("::ffff:127.0.0.1"),
            "mixed.example.com", List.of(PUBLIC, "127.0.0.1")));

    /** Makes {@code name} resolve to {@code addresses} (literal addresses) from now on. */
    public static void resolve(String name, String... addresses) {
        TABLE.put(name, List.of(addresses));
    }

    static WebhookHostResolver resolver() {
        return host -> {
            List<String> addresses = TABLE.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> resolved = new ArrayList<>();
            for (String address : addresses) {
                resolved.add(InetAddress.getByName(address));
            }
            return resolved;
        };
    }

    @Bean
    @Primary
    WebhookHostResolver testHostResolver() {
        return resolver();
    }
}
