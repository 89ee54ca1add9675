package io.cachedjobs.idempotency;

import io.cachedjobs.http.RequestPaths;
import io.cachedjobs.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The creating calls that honour {@code Idempotency-Key}, and the organisation each one's keys
 * belong to. Other calls ignore the header: reads change nothing, and PATCH and DELETE give the
 * same result when repeated.
 */
final class IdempotentEndpoints {

    /**
     * Every creating POST of an organisation; an OpenAPI test checks that each one is still an
     * operation. Creating an organisation is left out: it has no organisation to keep its keys
     * apart, so a stranger reusing a key would be replayed another's new organisation.
     */
    static final Set<String> PATHS = Set.of(
            "/api/projects",
            "/api/queries",
            "/api/queries/many",
            "/api/tags",
            "/api/cached-jobs/trigger",
            "/api/cached-jobs/many");

    private IdempotentEndpoints() {}

    static boolean covers(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && PATHS.contains(RequestPaths.of(request));
    }

    /**
     * The organisation of the call's API key: keys of one organisation never meet another's. Empty
     * without a key, which security refuses before this filter runs.
     */
    static Optional<UUID> scope() {
        return Caller.current().map(Caller::organisationId);
    }
}
