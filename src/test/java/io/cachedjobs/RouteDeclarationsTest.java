package io.cachedjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.api.Idempotent;
import io.cachedjobs.api.NotIdempotent;
import io.cachedjobs.security.Access;
import io.cachedjobs.security.Right;
import io.cachedjobs.support.ApiTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The rules the filters read from the routes are declared on every route that needs them: a route
 * that forgot one would get a default that nobody chose. Walks the routes of the running service.
 */
class RouteDeclarationsTest extends ApiTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvc;

    /** A controller method with the methods and paths it is mapped to. */
    private record Route(Set<RequestMethod> methods, Set<String> paths, HandlerMethod handler) {

        boolean api() {
            return paths.stream().anyMatch(path -> path.equals("/api") || path.startsWith("/api/"));
        }

        /**
         * A call of the API that may create: a POST or PUT, or a mapping that takes any method, unless it is a
         * read (the API reads with a body at {@code POST .../list} and the figures' {@code POST
         * /api/analytics/...} and {@code POST /api/results/export} only, checked to be a viewer's
         * right below).
         */
        boolean creates() {
            boolean mayCreate =
                    methods.isEmpty() || methods.contains(RequestMethod.POST) || methods.contains(RequestMethod.PUT);
            return api() && mayCreate && !reads();
        }

        boolean reads() {
            return methods.equals(Set.of(RequestMethod.POST))
                    && paths.stream()
                            .allMatch(path -> path.endsWith("/list")
                                    || path.startsWith("/api/analytics/")
                                    || path.equals("/api/results/export"));
        }

        boolean declares(Class<? extends java.lang.annotation.Annotation> annotation) {
            return handler.hasMethodAnnotation(annotation);
        }

        @Override
        public String toString() {
            return methods + " " + paths + " " + handler.getShortLogMessage();
        }
    }

    private List<Route> routes() {
        List<Route> routes = mvc.getHandlerMethods().entrySet().stream()
                .map(entry -> new Route(
                        entry.getKey().getMethodsCondition().getMethods(),
                        entry.getKey().getPathPatternsCondition().getPatternValues(),
                        entry.getValue()))
                .toList();
        assertThat(routes).filteredOn(Route::api).as("the API's routes").hasSizeGreaterThan(20);
        return routes;
    }

    @Test
    void everyRouteOfTheApiDeclaresTheRightItNeeds() {
        assertThat(routes())
                .filteredOn(Route::api)
                .filteredOn(route -> !route.declares(Access.class))
                .as("routes under /api without @Access")
                .isEmpty();
    }

    @Test
    void everyCreatingPostDeclaresWhetherItTakesAnIdempotencyKey() {
        assertThat(routes())
                .filteredOn(Route::creates)
                .filteredOn(route -> route.declares(Idempotent.class) == route.declares(NotIdempotent.class))
                .as("creating POSTs with neither or both of @Idempotent and @NotIdempotent")
                .isEmpty();
        assertThat(routes())
                .filteredOn(route -> route.declares(NotIdempotent.class))
                .filteredOn(route -> route.handler()
                        .getMethodAnnotation(NotIdempotent.class)
                        .value()
                        .isBlank())
                .as("@NotIdempotent without its reason")
                .isEmpty();
    }

    @Test
    void aPostThatReadsIsAViewersRightSoThatNoCreatingCallHidesAsAList() {
        assertThat(routes())
                .filteredOn(Route::reads)
                .as("the lists")
                .isNotEmpty()
                .filteredOn(route -> !route.declares(Access.class)
                        || route.handler().getMethodAnnotation(Access.class).value() != Right.VIEWER)
                .as("POST .../list routes that are not @Access(Right.VIEWER)")
                .isEmpty();
    }

    @Test
    void onlyCreatingPostsDeclareIdempotency() {
        assertThat(routes())
                .filteredOn(route -> !route.creates())
                .filteredOn(route -> route.declares(Idempotent.class) || route.declares(NotIdempotent.class))
                .as("@Idempotent or @NotIdempotent on a route that is no creating POST")
                .isEmpty();
    }
}
