package io.cachedjobs.idempotency;

import io.cachedjobs.api.Idempotent;
import io.cachedjobs.api.RouteTable;
import io.cachedjobs.http.RequestPaths;
import io.cachedjobs.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The creating calls that honour {@code Idempotency-Key}, those whose route is {@link Idempotent},
 * and the organisation each one's keys belong to. Other calls ignore the header: reads change
 * nothing, and PATCH and DELETE give the same result when repeated.
 */
@Component
class IdempotentRoutes implements SmartInitializingSingleton {

    private final ObjectProvider<RequestMappingHandlerMapping> mvc;

    /** Read once every route is mapped; the server takes calls only after that. */
    private volatile RouteTable<Idempotent> routes;

    /** Spring MVC's mapping is looked up only when every bean is made: the filters are made before it. */
    IdempotentRoutes(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mvc) {
        this.mvc = mvc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        routes = RouteTable.read(mvc.getObject(), handler -> handler.getMethodAnnotation(Idempotent.class));
    }

    /** The route's declaration when the call honours a key, else null. */
    Idempotent of(HttpServletRequest request) {
        // Only creating calls take a key: other methods are spared the lookup.
        if (!request.getMethod().equals("POST")) {
            return null;
        }
        RouteTable<Idempotent> read = routes;
        if (read == null) {
            throw new IllegalStateException("A call before the routes were read");
        }
        return read.find("POST", RequestPaths.of(request));
    }

    /**
     * The organisation of the call's API key: keys of one organisation never meet another's. Empty
     * without a key, which security refuses before this filter runs.
     */
    static Optional<UUID> scope() {
        return Caller.current().map(Caller::organisationId);
    }
}
