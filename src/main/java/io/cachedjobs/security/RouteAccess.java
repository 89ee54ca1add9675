package io.cachedjobs.security;

import io.cachedjobs.api.RouteTable;
import io.cachedjobs.http.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The {@link Right} each call needs: the one its route declares with {@link Access}, read from the
 * controllers once when the service starts. What is no route of the API is decided here:
 *
 * <ul>
 *   <li>the actuator's endpoints, which are not controllers, need the operator token, but health
 *       is public;
 *   <li>everything else outside {@code /api} is public (the OpenAPI document, Swagger UI, the error
 *       page);
 *   <li>a call under {@code /api} that no route takes (an unknown path, or a method its path does
 *       not have) gets its 404 or 405 only once it passes the check a route would make: reads
 *       ({@code GET}, {@code HEAD} and {@code POST .../list}) need a viewer key, other calls an
 *       editor key, and anything under key management an admin key. So a caller without the right
 *       learns from an unknown path no more than from a known one: which routes exist is not told to
 *       callers without a key, nor key management's to keys that are not admin.
 * </ul>
 */
@Component
class RouteAccess implements SmartInitializingSingleton {

    /** The request attribute that keeps the right found for a call. */
    private static final String FOUND = RouteAccess.class.getName() + ".FOUND";

    private record Found(String path, Right right) {}

    private final ObjectProvider<RequestMappingHandlerMapping> mvc;

    /** Read once every route is mapped; the server takes calls only after that. */
    private volatile RouteTable<Right> routes;

    /** Spring MVC's mapping is looked up only when every bean is made: the filters are made before it. */
    RouteAccess(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mvc) {
        this.mvc = mvc;
    }

    @Override
    public void afterSingletonsInstantiated() {
        routes = RouteTable.read(mvc.getObject(), handler -> {
            Access access = handler.getMethodAnnotation(Access.class);
            return access == null ? null : access.value();
        });
    }

    /** What the call needs. */
    Right of(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        if (under(path, "/actuator")) {
            return under(path, "/actuator/health") ? Right.PUBLIC : Right.OPERATOR;
        }
        if (!under(path, "/api")) {
            return Right.PUBLIC;
        }
        // Kept on the request: the key filter and authorization both ask, and matching a path with
        // an id runs the id's regular expression. A dispatch to another path (the error page)
        // finds again.
        if (request.getAttribute(FOUND) instanceof Found found && found.path().equals(path)) {
            return found.right();
        }
        Right right = ofApi(request.getMethod(), path);
        request.setAttribute(FOUND, new Found(path, right));
        return right;
    }

    /** What a call under /api needs: what its route declares, else what a call no route takes needs. */
    private Right ofApi(String method, String path) {
        Right declared = routes().find(method, path);
        if (declared != null) {
            return declared;
        }
        if (under(path, ApiKeyController.PATH)) {
            return Right.ADMIN;
        }
        boolean read =
                method.equals("GET") || method.equals("HEAD") || (method.equals("POST") && path.endsWith("/list"));
        return read ? Right.VIEWER : Right.EDITOR;
    }

    private RouteTable<Right> routes() {
        RouteTable<Right> read = routes;
        if (read == null) {
            throw new IllegalStateException("A call before the routes were read");
        }
        return read;
    }

    private static boolean under(String path, String root) {
        return path.startsWith(root) && (path.length() == root.length() || path.charAt(root.length()) == '/');
    }
}
