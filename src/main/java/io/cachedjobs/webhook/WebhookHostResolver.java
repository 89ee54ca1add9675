package io.cachedjobs.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a receiver's host name to its addresses: the system's resolver (DNS) in the service, a
 * table in the tests, which cannot reach a name server. The SSRF guard checks what it answers, and
 * the connection goes to an address it checked.
 */
@FunctionalInterface
public interface WebhookHostResolver {

    /**
     * @throws UnknownHostException when the name does not resolve
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system's resolver. */
    static WebhookHostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
