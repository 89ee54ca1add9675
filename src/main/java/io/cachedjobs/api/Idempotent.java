package io.cachedjobs.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A creating {@code POST} that honours {@code Idempotency-Key}: a retry with the same key gets the
 * first call's answer again and creates nothing. The idempotency feature's filter and its part of
 * the OpenAPI document read it from the controller method. Every creating {@code POST} declares
 * this or {@link NotIdempotent}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Idempotent {

    /**
     * Whether the answer, instead of being kept, is read again from what the call wrote when a retry
     * replays it: for a call whose answer is too large to hold (the trigger's). Such a call keeps a
     * reference to its writes through {@code io.cachedjobs.idempotency.AnswerReferences}, in its own
     * transaction, and a {@code ReferencedAnswer} writes the answer again from it.
     */
    boolean rereadOnReplay() default false;
}
