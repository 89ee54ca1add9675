package io.cachedjobs.provider;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * From 1 to the configured {@code cachedjobs.jobs.max-execution-count}: the one rule for every
 * {@code executionCount} the API accepts (trigger, /many, project settings).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ExecutionCount.Validator.class)
public @interface ExecutionCount {

    String message() default "must be between 1 and the configured maximum";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Spring builds this validator, so the maximum comes from configuration. */
    public class Validator implements ConstraintValidator<ExecutionCount, Integer> {

        private final int max;

        Validator(JobLimitsProperties limits) {
            this.max = limits.maxExecutionCount();
        }

        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            if (value == null || (value >= 1 && value <= max)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("must be between 1 and " + max)
                    .addConstraintViolation();
            return false;
        }
    }
}
