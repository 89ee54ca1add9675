package io.cachedjobs.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a call to this controller method needs. Every route under {@code /api} declares it; Spring
 * Security's authorization and the 401 and 403 answers read it through {@link RouteAccess}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Access {

    Right value();
}
