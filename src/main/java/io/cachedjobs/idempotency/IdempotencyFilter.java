package io.cachedjobs.idempotency;

import io.cachedjobs.api.TenantHeaders;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.http.BufferedBodyRequest;
import io.cachedjobs.http.CommittedWrites;
import io.cachedjobs.http.RequestPaths;
import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Safe retries of the creating calls ({@link IdempotentRoutes}). The first call with an
 * {@code Idempotency-Key} claims the key in the database, runs, and its answer is kept; a repeat
 * of the same request gets that answer again, marked {@code Idempotent-Replayed: true}, and runs
 * nothing. The database decides who runs, so several instances of the service agree.
 *
 * <p>A servlet filter rather than a controller aspect, because it must see the body's bytes
 * before the controller reads them and the answer's bytes after it has written them.
 */
final class IdempotencyFilter extends OncePerRequestFilter {

    static final String KEY_HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    /**
     * Answers that are not kept, so that a retry runs: 409 (a write collided, or a duplicate that
     * may be gone by then), 429 (a rate limit), and 406 and 415, which a corrected Accept or
     * Content-Type header (outside the fingerprint) mends. 5xx are not kept either. None of these
     * changed anything, so running the call again is safe.
     */
    private static final Set<Integer> RETRYABLE = Set.of(406, 409, 415, 429);

    /** A claim lost to a row that is gone the next moment (released or expired) is tried again. */
    private static final int CLAIM_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotentRoutes routes;
    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;

    IdempotencyFilter(IdempotentRoutes routes, IdempotencyKeys keys, IdempotencyProperties properties) {
        this.routes = routes;
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !routes.covers(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> values = Collections.list(request.getHeaders(KEY_HEADER));
        if (values.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Claimed> claimed;
        BufferedBodyRequest cached;
        try {
            String key = validKey(values);
            Optional<UUID> organisation = IdempotentRoutes.scope();
            if (organisation.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            cached = BufferedBodyRequest.read(request);
            claimed = claimOrAnswer(organisation.get(), key, fingerprint(cached), response);
        } catch (RuntimeException e) {
            // Bad keys, mismatches, a key in use, and the database being unreachable: answered like
            // every other failure, before anything ran.
            ProblemWriter.write(request, response, e);
            return;
        }
        if (claimed.isPresent()) {
            run(claimed.get(), cached, response, chain);
        }
    }

    /** The key that claims this call, once it holds it; empty when the answer is already given. */
    private record Claimed(UUID organisation, String key, UUID claim) {}

    private Optional<Claimed> claimOrAnswer(
            UUID organisation, String key, byte[] fingerprint, HttpServletResponse response) throws IOException {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            UUID claim = UuidV7.next();
            if (keys.claim(organisation, key, claim, fingerprint, properties.inProgressTimeout())) {
                return Optional.of(new Claimed(organisation, key, claim));
            }
            Optional<IdempotencyKeys.Stored> stored = keys.find(organisation, key);
            if (stored.isPresent()) {
                replay(stored.get(), key, fingerprint, response);
                return Optional.empty();
            }
        }
        throw inProgress(key, response);
    }

    private void replay(IdempotencyKeys.Stored stored, String key, byte[] fingerprint, HttpServletResponse response)
            throws IOException {
        if (!MessageDigest.isEqual(stored.fingerprint(), fingerprint)) {
            throw IdempotencyProblem.mismatch(key);
        }
        if (stored.running()) {
            throw inProgress(key, response);
        }
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static IdempotencyProblem inProgress(String key, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        return IdempotencyProblem.inProgress(key);
    }

    /**
     * Runs the call and keeps its answer. The call's own transaction is separate from the key's
     * row: the claim is committed before it, the answer after it.
     */
    private void run(Claimed claimed, BufferedBodyRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
            keep(claimed, answer, CommittedWrites.in(request));
        } catch (IOException | ServletException | RuntimeException e) {
            release(claimed);
            throw e;
        } finally {
            answer.copyBodyToResponse();
        }
    }

    /**
     * Keeps the answer, unless it asks for a retry. A failure after the call's writes were committed
     * is kept too: running the call again would write them twice.
     */
    private void keep(Claimed claimed, ContentCachingResponseWrapper answer, boolean committed) {
        int status = answer.getStatus();
        if (!committed && (status >= 500 || RETRYABLE.contains(status))) {
            release(claimed);
            return;
        }
        try {
            boolean kept = keys.complete(
                    claimed.organisation(),
                    claimed.key(),
                    claimed.claim(),
                    new IdempotencyKeys.Answer(
                            status,
                            answer.getContentType(),
                            answer.getHeader(HttpHeaders.LOCATION),
                            answer.getContentAsByteArray()),
                    properties.retention());
            if (!kept) {
                log.warn("Idempotency-Key {} outlived its in-progress timeout: its answer was not kept", claimed.key());
            }
        } catch (RuntimeException e) {
            // The call is done and its answer still goes out. The claim stays until its lease
            // ends: retries meanwhile get 409 rather than running the call a second time.
            log.error("Could not keep the answer to Idempotency-Key {}", claimed.key(), e);
        }
    }

    private void release(Claimed claimed) {
        try {
            keys.release(claimed.organisation(), claimed.key(), claimed.claim());
        } catch (RuntimeException e) {
            log.error("Could not release Idempotency-Key {}; it frees when its lease ends", claimed.key(), e);
        }
    }

    static String validKey(List<String> values) {
        if (values.size() > 1) {
            throw InvalidRequestException.of(KEY_HEADER, "header must be given once");
        }
        String key = values.get(0);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw InvalidRequestException.of(KEY_HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (!key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw InvalidRequestException.of(
                    KEY_HEADER, "must be visible ASCII characters (no spaces, control or non-ASCII characters)");
        }
        return key;
    }

    /**
     * What makes two calls "the same request": method, path, project and body bytes. The project
     * header is part of it because it decides where the call creates; the organisation already
     * scopes the key.
     */
    private static byte[] fingerprint(BufferedBodyRequest request) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
        String project = String.join(",", Collections.list(request.getHeaders(TenantHeaders.PROJECT)))
                .trim()
                .toLowerCase(Locale.ROOT);
        for (String part : List.of(request.getMethod(), RequestPaths.of(request), project)) {
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        sha256.update(request.body());
        return sha256.digest();
    }
}
