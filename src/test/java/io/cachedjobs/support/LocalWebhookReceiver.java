package io.cachedjobs.support;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook receiver for the local run and its tour: a JDK HTTP server on this machine that prints
 * every call it gets and verifies its signature with Standard Webhooks' own Java library, as a
 * client's receiver would. It learns the secrets to verify with from {@code PUT /secret} (the
 * secret an endpoint was made with, in the body); a call no secret verifies is answered 401, one
 * that comes before any secret is known 202 (received, not verified).
 */
public final class LocalWebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final PrintStream out;
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    private LocalWebhookReceiver(HttpServer server, PrintStream out) {
        this.server = server;
        this.out = out;
    }

    /** Starts a receiver on {@code port} of the loopback address (0: a free one), printing to {@code out}. */
    public static LocalWebhookReceiver start(int port, PrintStream out) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            LocalWebhookReceiver receiver = new LocalWebhookReceiver(server, out);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "local-webhook-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new IllegalStateException("The local webhook receiver could not start", e);
        }
    }

    /** Where it listens, e.g. {@code http://localhost:41238}; webhooks go to any path but /secret. */
    public String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            }
            if (exchange.getRequestURI().getPath().equals("/secret")
                    && exchange.getRequestMethod().equals("PUT")) {
                secrets.add(body.trim());
                out.println("[webhook receiver] a secret to verify with (" + secrets.size() + " known)");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String verified = verify(body, exchange.getRequestHeaders());
            out.printf(
                    "[webhook receiver] %s %s webhook-id %s: %s%n  %s%n",
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), id, verified, body);
            int status = verified.startsWith("signature verified") ? 204 : secrets.isEmpty() ? 202 : 401;
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private String verify(String body, Map<String, List<String>> headers) {
        if (secrets.isEmpty()) {
            return "not verified (no secret given: PUT it to /secret)";
        }
        Map<String, List<String>> lowerCase = new java.util.HashMap<>();
        headers.forEach((name, values) -> lowerCase.put(name.toLowerCase(java.util.Locale.ROOT), values));
        for (String secret : secrets) {
            try {
                new Webhook(secret).verify(body, lowerCase);
                return "signature verified";
            } catch (WebhookVerificationException | RuntimeException wrong) {
                // the next secret, if any
            }
        }
        return "SIGNATURE NOT VERIFIED by any secret given";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
