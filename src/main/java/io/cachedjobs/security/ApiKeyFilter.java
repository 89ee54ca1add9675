package io.cachedjobs.security;

import io.cachedjobs.api.TenantHeaders;
import io.cachedjobs.ratelimit.RateLimitGate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Says who makes a call: the API key of {@code x-api-key}, or the operator token of an
 * {@code Authorization: Bearer} header. Credentials that are given but wrong are a 401 here, at
 * once; a call without any goes on anonymous, and authorization ({@link RouteAccess}) decides
 * whether it needed some. A key's call whose {@code x-organisation-id} names another organisation
 * is a 403. A key's call is then counted against the key's rate limits (the operator's calls are
 * not).
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "x-api-key";
    private static final String BEARER = "Bearer ";

    private final KeyLookup keys;
    private final RouteAccess access;
    private final OperatorProperties operator;
    private final RateLimitGate rateLimits;
    private final SecurityProblemHandler answers;

    ApiKeyFilter(
            KeyLookup keys,
            RouteAccess access,
            OperatorProperties operator,
            RateLimitGate rateLimits,
            SecurityProblemHandler answers) {
        this.keys = keys;
        this.access = access;
        this.operator = operator;
        this.rateLimits = rateLimits;
        this.answers = answers;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return access.of(request) == Right.PUBLIC;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            Object principal = authenticate(request, response);
            if (principal == RATE_LIMITED) {
                return;
            }
            if (principal instanceof Caller caller) {
                requireOwnOrganisation(request, caller);
            }
            if (principal != null) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
                SecurityContextHolder.setContext(context);
            }
        } catch (RuntimeException e) {
            answers.answer(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }

    /** A key's call refused by its rate limit: its 429 is written. */
    private static final Object RATE_LIMITED = new Object();

    /**
     * The caller, the operator, null when the call has no credentials, or {@link #RATE_LIMITED}. A
     * key's call is counted before anything else is checked: no answer to a key escapes its limits.
     */
    private Object authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> given = Collections.list(request.getHeaders(HEADER));
        if (given.size() > 1) {
            throw SecurityProblem.unauthenticated(HEADER, "header must be given once");
        }
        if (given.size() == 1) {
            KeyLookup.Found found = keys.authenticate(given.get(0).trim());
            if (found.limit() != null && !rateLimits.admit(found.limit(), request, response)) {
                return RATE_LIMITED;
            }
            return found.key().caller();
        }
        List<String> authorizations = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
        if (authorizations.size() > 1) {
            throw SecurityProblem.unauthenticated(HttpHeaders.AUTHORIZATION, "header must be given once");
        }
        String authorization = authorizations.isEmpty() ? null : authorizations.get(0);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            if (!operator.configured()) {
                throw SecurityProblemHandler.operatorOff();
            }
            if (!operator.matches(authorization.substring(BEARER.length()).trim())) {
                throw SecurityProblem.unauthenticated(HttpHeaders.AUTHORIZATION, "The operator token is not valid.");
            }
            return Operator.INSTANCE;
        }
        return null;
    }

    /** A 403 when x-organisation-id names another organisation; a malformed one the controllers refuse. */
    private static void requireOwnOrganisation(HttpServletRequest request, Caller caller) {
        TenantHeaders.organisationOf(request)
                .filter(organisation -> !organisation.equals(caller.organisationId()))
                .ifPresent(organisation -> {
                    throw SecurityProblem.forbidden(
                            TenantHeaders.ORGANISATION,
                            "The x-organisation-id header names another organisation than the API key's.");
                });
    }
}
