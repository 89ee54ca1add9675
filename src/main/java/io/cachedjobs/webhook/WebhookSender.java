package io.cachedjobs.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The adapter to webhook receivers: one signed {@code POST} per attempt, through Apache HttpClient.
 * The URL is checked again before each attempt ({@link WebhookTargets}), and the connection goes to
 * the address that check resolved (the request's {@link HttpHost} carries it, TLS still verifies the
 * host's name); the client's own name resolution refuses every name, so that nothing reaches an
 * address unchecked. Redirects are not followed (a 3xx is a failure), nothing is retried here, no
 * cookie is kept, no proxy is used. An attempt takes at most the time-out, connecting and answering
 * included; at most {@link #EXCERPT_CHARACTERS} characters of the answer are read.
 */
final class WebhookSender implements AutoCloseable {

    /** The most of a receiver's answer ever kept or shown. */
    static final int EXCERPT_CHARACTERS = 200;

    private static final int READ_BYTES = 4 * EXCERPT_CHARACTERS;

    /** What an attempt got: the receiver's status, or why there is none. */
    record Sent(
            @Nullable Integer status,
            @Nullable String error,
            @Nullable String excerpt,
            @Nullable Duration retryAfter,
            int durationMs) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final WebhookTargets targets;
    private final Duration timeout;
    private final Clock clock;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    WebhookSender(WebhookTargets targets, Duration timeout, Clock clock) {
        this.targets = targets;
        this.timeout = timeout;
        this.clock = clock;
        Timeout limit = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new RefuseEveryName())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .build())
                        .setMaxConnTotal(50)
                        .setMaxConnPerRoute(5)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(limit)
                        .setConnectionRequestTimeout(limit)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("cached-jobs-webhooks/1")
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sends one attempt of an event, signed with {@code signature} ({@code webhook-signature}). */
    Sent send(String url, String id, long timestamp, String signature, String body) {
        long started = System.nanoTime();
        WebhookTargets.Target target;
        try {
            target = targets.check(WebhookTargets.parse("url", url));
        } catch (WebhookTargets.Refused refused) {
            return new Sent(null, "address-refused", shorten(refused.getMessage()), null, 0);
        } catch (RuntimeException malformed) {
            return new Sent(null, "address-refused", "the URL is not valid", null, 0);
        }
        URI uri = target.url();
        HttpHost host = new HttpHost(
                uri.getScheme().toLowerCase(java.util.Locale.ROOT), target.address(), target.host(), target.port());
        HttpPost post = new HttpPost(uri);
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signature);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(host, post, null)) {
            int status = response.getCode();
            String excerpt = excerpt(response.getEntity());
            return new Sent(status, null, excerpt, retryAfter(response.getFirstHeader("Retry-After")), since(started));
        } catch (SocketTimeoutException timedOut) {
            return new Sent(null, "timeout", "no answer within " + timeout.toMillis() + " ms", null, since(started));
        } catch (IOException | RuntimeException failed) {
            if (post.isCancelled()) {
                return new Sent(
                        null, "timeout", "no answer within " + timeout.toMillis() + " ms", null, since(started));
            }
            return new Sent(null, "connection", shorten(describe(failed)), null, since(started));
        } finally {
            deadline.cancel(false);
        }
    }

    /** The first characters of an answer, control characters made spaces; null for an empty one. */
    private static @Nullable String excerpt(@Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = entity.getContent()) {
            bytes = in.readNBytes(READ_BYTES);
        }
        String text = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        return text.isEmpty() ? null : shorten(text);
    }

    static String shorten(String text) {
        StringBuilder clean = new StringBuilder();
        text.codePoints()
                .limit(EXCERPT_CHARACTERS)
                .forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return clean.toString();
    }

    private static String describe(Exception failed) {
        String message = failed.getMessage();
        return failed.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    private @Nullable Duration retryAfter(@Nullable Header header) {
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0
                    ? null
                    : Duration.ofSeconds(Math.min(seconds, Duration.ofDays(365).toSeconds()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static int since(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /**
     * The client's name resolution: never used, since every request carries its checked address;
     * should a request ever come without one, nothing is resolved unchecked.
     */
    private static final class RefuseEveryName implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException(
                    "webhook receivers are resolved and checked before they are called: " + host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException(host);
        }
    }
}
