package io.cachedjobs.idempotency;

import io.cachedjobs.api.TenantHeaders;
import io.cachedjobs.common.UuidV7;
import io.cachedjobs.http.BufferedBodyRequest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Safe retries of the creating calls ({@link IdempotentRoutes}). The first call with an
 * {@code Idempotency-Key} claims the key in the database, runs, and its answer is kept; a repeat
 * of the same request gets that answer again, marked {@code Idempotent-Replayed: true}, and runs
 * nothing. The database decides who runs, so several instances of the service agree.
 *
 * <p>The answer is kept in the same transaction as the call's writes, so that a fault between the
 * two can never leave writes without their answer (a retry would write them again) or an answer
 * without its writes. A call runs inside a transaction of this filter, which its services join, and
 * its answer is held until it is kept and committed. A call whose answer is too large to hold keeps
 * a reference to its writes in their transaction instead ({@link AnswerReferences}), and its answer
 * is written straight out.
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
     * changed anything (their transaction rolls back), so running the call again is safe.
     */
    private static final Set<Integer> RETRYABLE = Set.of(406, 409, 415, 429);

    /** A claim lost to a row that is gone the next moment (released or expired) is tried again. */
    private static final int CLAIM_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotentRoutes routes;
    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;
    private final PlatformTransactionManager transactions;
    private final ObjectProvider<ReferencedAnswer> referencedAnswer;

    IdempotencyFilter(
            IdempotentRoutes routes,
            IdempotencyKeys keys,
            IdempotencyProperties properties,
            PlatformTransactionManager transactions,
            ObjectProvider<ReferencedAnswer> referencedAnswer) {
        this.routes = routes;
        this.keys = keys;
        this.properties = properties;
        this.transactions = transactions;
        this.referencedAnswer = referencedAnswer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return routes.of(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> values = Collections.list(request.getHeaders(KEY_HEADER));
        if (values.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<KeyedCall> claimed;
        BufferedBodyRequest cached;
        try {
            String key = validKey(values);
            Optional<UUID> organisation = IdempotentRoutes.scope();
            if (organisation.isEmpty()) {
                chain.doFilter(request, response);
                return;
            }
            cached = BufferedBodyRequest.read(request);
            boolean reread = routes.of(request).rereadOnReplay();
            claimed = claimOrAnswer(organisation.get(), key, fingerprint(cached), reread, response);
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

    /** The call, once it holds the key; empty when the answer is already given. */
    private Optional<KeyedCall> claimOrAnswer(
            UUID organisation, String key, byte[] fingerprint, boolean reread, HttpServletResponse response)
            throws IOException {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            UUID claim = UuidV7.next();
            if (keys.claim(organisation, key, claim, fingerprint, properties.inProgressTimeout())) {
                return Optional.of(new KeyedCall(organisation, key, claim, reread));
            }
            Optional<IdempotencyKeys.Stored> stored = keys.find(organisation, key);
            if (stored.isPresent()) {
                replay(organisation, stored.get(), key, fingerprint, response);
                return Optional.empty();
            }
        }
        throw inProgress(key, response);
    }

    private void replay(
            UUID organisation,
            IdempotencyKeys.Stored stored,
            String key,
            byte[] fingerprint,
            HttpServletResponse response)
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
        if (stored.reference() != null) {
            referencedAnswer.getObject().write(organisation, stored.reference(), response.getOutputStream());
            return;
        }
        byte[] body = stored.body() == null ? new byte[0] : stored.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static IdempotencyProblem inProgress(String key, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        return IdempotencyProblem.inProgress(key);
    }

    /** Runs the call with its key claimed, and keeps its answer; the answer goes out last. */
    private void run(KeyedCall call, BufferedBodyRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HeldAnswer answer = new HeldAnswer(response, call);
        call.bind();
        try {
            if (call.rereadOnReplay()) {
                runKeepingReference(call, request, answer, chain);
            } else {
                runInTransaction(call, request, answer, chain);
            }
        } finally {
            call.unbind();
            answer.copyBodyToResponse();
        }
    }

    /**
     * Runs the call in a transaction that its services join, and keeps its answer in it: the writes
     * and their answer commit together. An answer that is not kept rolls the writes back.
     */
    private void runInTransaction(KeyedCall call, HttpServletRequest request, HeldAnswer answer, FilterChain chain)
            throws ServletException, IOException {
        TransactionStatus transaction;
        try {
            transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        } catch (RuntimeException e) {
            release(call);
            ProblemWriter.write(request, answer, e);
            return;
        }
        try {
            chain.doFilter(request, answer);
        } catch (IOException | ServletException | RuntimeException e) {
            rollback(transaction);
            release(call);
            throw e;
        }
        int status = answer.getStatus();
        if (transaction.isRollbackOnly() || !kept(status)) {
            rollback(transaction);
            keepApart(call, answer);
            return;
        }
        try {
            if (!keep(call, answer)) {
                throw IdempotencyProblem.overtaken(call.key());
            }
            transactions.commit(transaction);
        } catch (RuntimeException e) {
            // Not committed, or (the connection lost during the commit) not known to be: the held
            // answer never goes out. The release spares a kept answer, should the commit have landed.
            rollback(transaction);
            release(call);
            discard(answer);
            ProblemWriter.write(request, answer, e);
        }
    }

    /**
     * Runs a call that keeps a reference to its writes in their own transaction ({@link
     * AnswerReferences}). Any other answer of it wrote nothing, and is kept or released afterwards.
     */
    private void runKeepingReference(KeyedCall call, HttpServletRequest request, HeldAnswer answer, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, answer);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!call.referenceCommitted()) {
                release(call);
            }
            throw e;
        }
        if (!call.referenceCommitted()) {
            keepApart(call, answer);
        }
    }

    private static boolean kept(int status) {
        return status < 500 && !RETRYABLE.contains(status);
    }

    /** Keeps the held answer for the key's retries; false when a retry took the key over. */
    private boolean keep(KeyedCall call, HeldAnswer answer) {
        IdempotencyKeys.Answer kept = new IdempotencyKeys.Answer(
                answer.getStatus(),
                answer.getContentType(),
                answer.getHeader(HttpHeaders.LOCATION),
                answer.getContentAsByteArray(),
                null);
        return keys.complete(call.organisation(), call.key(), call.claim(), kept, properties.retention());
    }

    /**
     * Keeps, on its own, the answer of a call that changed nothing (a refusal), unless it asks for a
     * retry; then the key is given back.
     */
    private void keepApart(KeyedCall call, HeldAnswer answer) {
        if (!kept(answer.getStatus())) {
            release(call);
            return;
        }
        try {
            if (!keep(call, answer)) {
                log.warn("Idempotency-Key {} outlived its in-progress timeout: its answer was not kept", call.key());
            }
        } catch (RuntimeException e) {
            // The refusal still goes out; the claim frees when its lease ends.
            log.error("Could not keep the answer to Idempotency-Key {}", call.key(), e);
        }
    }

    private void rollback(TransactionStatus transaction) {
        if (transaction.isCompleted()) {
            return;
        }
        try {
            transactions.rollback(transaction);
        } catch (RuntimeException e) {
            log.warn("Rollback failed (the database ends the transaction itself): {}", e.getMessage());
        }
    }

    private void release(KeyedCall call) {
        try {
            keys.release(call.organisation(), call.key(), call.claim());
        } catch (RuntimeException e) {
            log.error("Could not release Idempotency-Key {}; it frees when its lease ends", call.key(), e);
        }
    }

    /** Drops the held answer (its body and Location), keeping the headers set before it ran. */
    private static void discard(HeldAnswer answer) {
        Map<String, List<String>> before = new LinkedHashMap<>();
        for (String name : answer.getHeaderNames()) {
            if (!name.equalsIgnoreCase(HttpHeaders.LOCATION)) {
                before.put(name, List.copyOf(answer.getHeaders(name)));
            }
        }
        answer.reset();
        before.forEach((name, values) -> values.forEach(value -> answer.addHeader(name, value)));
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
