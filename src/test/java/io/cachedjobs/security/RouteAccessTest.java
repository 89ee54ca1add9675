package io.cachedjobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.support.ApiTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The right a call needs, found on its route or, for what is no route of the API, decided by
 * {@link RouteAccess} itself: such calls must answer 401, 403, 404 and 405 as before.
 */
class RouteAccessTest extends ApiTest {

    private static final String ID = "0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

    @Autowired
    RouteAccess access;

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        // declared on the route; HEAD takes the GET route's
        "POST, /api/organisations, OPERATOR",
        "GET, /api/organisations/" + ID + ", VIEWER",
        "HEAD, /api/cached-jobs/" + ID + ", VIEWER",
        "POST, /api/cached-jobs/list, VIEWER",
        "POST, /api/cached-jobs/trigger, EDITOR",
        "DELETE, /api/tags/12, EDITOR",
        "POST, /api/entities, EDITOR",
        "POST, /api/entities/list, VIEWER",
        "GET, /api/entities/" + ID + ", VIEWER",
        "PATCH, /api/entities/" + ID + ", EDITOR",
        "DELETE, /api/entities/" + ID + ", EDITOR",
        "GET, /api/analysis/status, VIEWER",
        "POST, /api/analytics/visibility/timeseries, VIEWER",
        "POST, /api/results/export, VIEWER",
        "POST, /api/analytics/queries/" + ID + "/results, VIEWER",
        "POST, /api/analytics/sources/domains/g2.com/urls, VIEWER",
        "HEAD, /api/api-keys, ADMIN",
        "GET, /api/webhooks, ADMIN",
        "GET, /api/webhooks/" + ID + ", ADMIN",
        "PATCH, /api/webhooks/" + ID + ", ADMIN",
        "POST, /api/webhooks/" + ID + "/test, ADMIN",
        "GET, /api/webhooks/" + ID + "/deliveries, ADMIN",
        "POST, /api/webhooks/" + ID + "/deliveries/" + ID + "/redeliver, ADMIN",
        // no route: an unknown path, or a method the path does not have
        "GET, /api/cached-jobs/not/here, VIEWER",
        "GET, /api/cached-jobs/trigger, VIEWER",
        "POST, /api/projects/list, VIEWER",
        "PUT, /api/organisations, EDITOR",
        "DELETE, /api/unknown, EDITOR",
        "OPTIONS, /api/projects, EDITOR",
        "GET, /api/api-keys/not-a-uuid, ADMIN",
        "POST, /api/api-keys/list, ADMIN",
        // outside the API's routes
        "GET, /actuator/health/readiness, PUBLIC",
        "GET, /actuator/info, OPERATOR",
        "GET, /v3/api-docs, PUBLIC",
        "POST, /error, PUBLIC",
        "GET, /apis, PUBLIC"
    })
    void aCallNeedsTheRightOfItsRouteOrOfWhatIsNoRoute(String method, String path, Right needed) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);

        assertThat(access.of(request)).isEqualTo(needed);
    }
}
