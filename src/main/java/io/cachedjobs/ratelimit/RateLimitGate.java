package io.cachedjobs.ratelimit;

import io.cachedjobs.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What an authenticating filter calls once per call it has authenticated: counts the call against
 * the key's limits, writes the rate-limit headers, and answers a refused call itself. The headers
 * go on before the rest of the chain runs, so that every answer carries them, errors included.
 * This feature knows nothing of authentication: the caller says which key is calling.
 */
@Component
public class RateLimitGate {

    public static final String LIMIT_HEADER = "X-RateLimit-Limit";
    public static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    public static final String RESET_HEADER = "X-RateLimit-Reset";

    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    RateLimitGate(RateLimiter limiter, RateLimitProperties limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    /**
     * Counts a call of {@code keyId} and writes the headers. True when the call may go on; false
     * when it was refused and the 429 problem is already written, so the caller must stop. With
     * limiting off, always true, and nothing is written or stored (the key's last use included).
     *
     * @throws org.springframework.dao.DataAccessException when the database cannot answer; the
     *     caller answers it like any other outage (503)
     */
    public boolean admit(UUID keyId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        return !limits.enabled() || admit(limiter.take(keyId), request, response);
    }

    /** Whether limiting is on: off, nothing is counted, and callers need not take tokens. */
    public boolean enabled() {
        return limits.enabled();
    }

    /**
     * {@link #admit(UUID, HttpServletRequest, HttpServletResponse)} for a token already taken (by
     * a statement that joined {@link RateLimiter#takingJoin}).
     */
    public boolean admit(RateLimit limit, HttpServletRequest request, HttpServletResponse response) throws IOException {
        writeHeaders(limit, response);
        if (!limit.allowed()) {
            ProblemWriter.write(request, response, HttpStatus.TOO_MANY_REQUESTS, tooManyRequests());
        }
        return limit.allowed();
    }

    /** The {@code X-RateLimit-*} headers, and {@code Retry-After} when the call was refused. */
    public static void writeHeaders(RateLimit limit, HttpServletResponse response) {
        response.setHeader(LIMIT_HEADER, Long.toString(limit.limit()));
        response.setHeader(REMAINING_HEADER, Long.toString(limit.remaining()));
        response.setHeader(RESET_HEADER, Long.toString(limit.resetSeconds()));
        if (!limit.allowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limit.retryAfterSeconds()));
        }
    }

    /**
     * The detail of the 429 of a refused call, typed {@code urn:cached-jobs:problem:too-many-requests};
     * it goes with the headers of {@link #writeHeaders}.
     */
    private String tooManyRequests() {
        return "This API key has made more calls than its limits allow (" + perSecond() + " per second, in bursts"
                + " of up to " + limits.burst() + ", and " + limits.perHour() + " per hour); nothing was"
                + " done. Retry after Retry-After seconds.";
    }

    private String perSecond() {
        double rate = limits.perSecond();
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
