package io.cachedjobs.project;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link Recurrence} keyword or CRON expression. A bean constraint rather than a service check, so
 * that a bad recurrence is reported together with every other problem of the body.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RecurrenceRule.Validator.class)
@interface RecurrenceRule {

    String message() default "is not a valid recurrence";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<RecurrenceRule, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                Recurrence.parse(value);
                return true;
            } catch (IllegalArgumentException e) {
                return SettingMessages.refuse(context, e.getMessage());
            }
        }
    }
}
