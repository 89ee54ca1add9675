package io.cachedjobs.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The largest {@code limit} a list call accepts; without it, 100. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface PageLimit {
    int DEFAULT_MAX = 100;

    int max() default DEFAULT_MAX;
}
