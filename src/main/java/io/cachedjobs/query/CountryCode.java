package io.cachedjobs.query;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code: {@code US}. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CountryCode.Validator.class)
@interface CountryCode {

    String message() default "must be an ISO 3166-1 alpha-2 country code, e.g. US";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CountryCode, String> {

        private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

        static boolean isCountry(String code) {
            return COUNTRIES.contains(code.toUpperCase(Locale.ROOT));
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isCountry(value.trim());
        }
    }
}
