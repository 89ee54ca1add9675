package io.cachedjobs.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A creating {@code POST} that ignores {@code Idempotency-Key}, on purpose: the exception to
 * {@link Idempotent}, with the reason it cannot keep and replay its answer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NotIdempotent {

    /** Why a retry with the same key must not be given the first call's answer. */
    String value();
}
