package io.cachedjobs.common;

import jakarta.validation.Constraint;
import jakarta.validation.OverridesAttribute;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * Text of at most {@link #value} characters, counted as a reader counts them: by code point, so that
 * an emoji outside the Basic Multilingual Plane is one character, not the two UTF-16 units
 * {@code @Size} would count. PostgreSQL's {@code varchar(n)} counts the same way, so a limit here
 * and the column's length agree.
 */
@Documented
@Constraint(validatedBy = {})
@CodePointLength
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface MaxLength {

    /** The most characters (code points) the text may hold. */
    @OverridesAttribute(constraint = CodePointLength.class, name = "max")
    int value();

    String message() default "must be at most {value} characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
