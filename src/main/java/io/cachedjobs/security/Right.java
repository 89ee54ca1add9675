package io.cachedjobs.security;

import io.cachedjobs.http.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What a call needs, decided from its method and path alone. The one place the rules are written:
 * Spring Security's authorization asks {@link #grantedTo}, and the 401 and 403 answers name what was
 * missing from the same rule.
 */
enum Right {
    /** Health, the OpenAPI document, Swagger UI, the error page and paths the service does not have. */
    PUBLIC(null),
    /** Creating organisations and the actuator endpoints other than health: they span every organisation. */
    OPERATOR(null),
    ADMIN(Role.ADMIN),
    EDITOR(Role.EDITOR),
    VIEWER(Role.VIEWER);

    private final Role role;

    Right(Role role) {
        this.role = role;
    }

    Role role() {
        return role;
    }

    static Right of(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        String method = request.getMethod();
        if (under(path, "/actuator")) {
            return under(path, "/actuator/health") ? PUBLIC : OPERATOR;
        }
        if (!under(path, "/api")) {
            return PUBLIC;
        }
        if (path.equals("/api/organisations") && method.equals("POST")) {
            return OPERATOR;
        }
        if (under(path, ApiKeyController.PATH)) {
            return ADMIN;
        }
        if (method.equals("GET") || method.equals("HEAD") || (method.equals("POST") && path.endsWith("/list"))) {
            return VIEWER;
        }
        return EDITOR;
    }

    boolean grantedTo(Object principal) {
        return switch (this) {
            case PUBLIC -> true;
            case OPERATOR -> principal == Operator.INSTANCE;
            default -> principal instanceof Caller caller && caller.role().covers(role);
        };
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
