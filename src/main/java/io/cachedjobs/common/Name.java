package io.cachedjobs.common;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A name: one line of text without control characters or bidirectional formatting characters (see
 * {@link Text#refusedInName}). The message names the character refused. {@code null} is valid, as
 * for every constraint but {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = Name.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Name {

    String message() default "must not contain control or bidirectional formatting characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Refuses the first character a name may not hold, naming it. */
    class Validator implements ConstraintValidator<Name, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            int refused = value == null ? -1 : Text.refusedInName(value);
            if (refused < 0) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            // The template holds only letters, digits and U+XXXX: nothing a message interpolator reads
            context.buildConstraintViolationWithTemplate(
                            "must not contain " + describe(refused) + " (" + Text.codePointName(refused) + ")")
                    .addConstraintViolation();
            return false;
        }

        private static String describe(int codePoint) {
            return switch (codePoint) {
                case '\n' -> "a line break";
                case '\r' -> "a carriage return";
                case '\t' -> "a tab";
                case 0x2028, 0x2029 -> "a line or paragraph separator";
                default ->
                    Text.isBidiControl(codePoint) ? "a bidirectional formatting character" : "a control character";
            };
        }
    }
}
