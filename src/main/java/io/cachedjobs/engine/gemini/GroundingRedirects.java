package io.cachedjobs.engine.gemini;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Resolves Gemini's grounding redirect links ({@code …/grounding-api-redirect/…}) to the pages
 * they lead to: one request per link, together, that does not follow the redirect and reads its
 * {@code Location}. The links are Google's, not the engine endpoint's: the requests carry no key.
 * Bounded in number and in time; a link that does not resolve stays a link, never a failure.
 */
final class GroundingRedirects {

    private static final String REDIRECT_PATH = "/grounding-api-redirect/";

    private final HttpClient http;
    private final Duration time;
    private final int most;

    GroundingRedirects(Duration time, int most) {
        this.time = time;
        this.most = most;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(time)
                .build();
    }

    /** Whether {@code uri} is a grounding redirect link (any host: a stub's in tests). */
    static boolean isRedirect(String uri) {
        return (uri.startsWith("https://") || uri.startsWith("http://")) && uri.contains(REDIRECT_PATH);
    }

    /**
     * The targets of the first links (at most the bound), by link; a link missing from the map did
     * not resolve in time, answered no redirect, or was beyond the bound.
     */
    Map<String, String> resolve(List<String> links) {
        Map<String, CompletableFuture<@Nullable String>> pending = new LinkedHashMap<>();
        for (String link : links) {
            if (pending.size() >= most) {
                break;
            }
            if (pending.containsKey(link)) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(link);
            } catch (IllegalArgumentException e) {
                continue;
            }
            HttpRequest request =
                    HttpRequest.newBuilder(uri).GET().timeout(time).build();
            pending.put(
                    link,
                    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                            .thenApply(response -> target(uri, response))
                            .exceptionally(failure -> null));
        }
        Map<String, String> targets = new LinkedHashMap<>();
        long deadline = System.nanoTime() + time.toNanos();
        for (Map.Entry<String, CompletableFuture<@Nullable String>> link : pending.entrySet()) {
            CompletableFuture<@Nullable String> target = link.getValue();
            try {
                String resolved = target.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (resolved != null) {
                    targets.put(link.getKey(), resolved);
                }
            } catch (TimeoutException | ExecutionException e) {
                target.cancel(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.values().forEach(left -> left.cancel(true));
                break;
            }
        }
        return targets;
    }

    private static @Nullable String target(URI link, HttpResponse<?> response) {
        if (response.statusCode() < 300 || response.statusCode() >= 400) {
            return null;
        }
        return response.headers()
                .firstValue("location")
                .map(location -> absolute(link, location))
                .orElse(null);
    }

    private static @Nullable String absolute(URI link, String location) {
        try {
            URI target = link.resolve(location.trim());
            String scheme = target.getScheme();
            return "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme) ? target.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
