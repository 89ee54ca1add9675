package io.cachedjobs.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents that the operation answers 409 when the request clashes with what exists (a duplicate
 * name or text); the problem answer is added by {@link OpenApiConfiguration} like the others.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Conflict {

    String value() default "Conflicts with what exists (e.g. a duplicate); each clash is named in `errors`";
}
