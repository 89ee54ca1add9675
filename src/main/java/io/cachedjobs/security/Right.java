package io.cachedjobs.security;

/**
 * What a call needs. A route declares it on its controller method with {@link Access}; {@link
 * RouteAccess} finds it for each call. Spring Security's authorization asks {@link #grantedTo}, and
 * the 401 and 403 answers name what was missing from the same right.
 */
public enum Right {
    /** Health and every path outside /api and the actuator: the OpenAPI document, Swagger UI, the error page. */
    PUBLIC(null),
    /** Creating organisations and the actuator endpoints other than health: they span every organisation. */
    OPERATOR(null),
    /** An admin key: managing the organisation's API keys. */
    ADMIN(Role.ADMIN),
    /** An editor key or above: every change to projects, queries, tags and cached jobs. */
    EDITOR(Role.EDITOR),
    /** Any key of the organisation: reads and list calls. */
    VIEWER(Role.VIEWER);

    private final Role role;

    Right(Role role) {
        this.role = role;
    }

    Role role() {
        return role;
    }

    boolean grantedTo(Object principal) {
        return switch (this) {
            case PUBLIC -> true;
            case OPERATOR -> principal == Operator.INSTANCE;
            default -> principal instanceof Caller caller && caller.role().covers(role);
        };
    }
}
