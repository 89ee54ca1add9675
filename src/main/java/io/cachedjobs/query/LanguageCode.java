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
import java.util.Map;
import java.util.Set;

/**
 * An ISO 639-1 language code, optionally with an ISO 3166-1 region: {@code en}, {@code zh-cn}. The
 * withdrawn codes {@code iw}, {@code in}, {@code ji} and {@code mo} are accepted and stored as their
 * current ones ({@link Validator#normalise}), so that duplicates and filters see one language.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LanguageCode.Validator.class)
@interface LanguageCode {

    String message() default "must be an ISO 639-1 language code, optionally with a region, e.g. en or zh-cn";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<LanguageCode, String> {

        private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

        /**
         * Withdrawn ISO 639 codes and the codes that replaced them (ISO 639 changes of 1989, and
         * Moldavian merged into Romanian in 2008); the JDK still lists the old ones as languages.
         */
        private static final Map<String, String> WITHDRAWN = Map.of("iw", "he", "in", "id", "ji", "yi", "mo", "ro");

        /** The code as stored: trimmed, lower case, a withdrawn language replaced by its current code. */
        static String normalise(String code) {
            String lower = code.trim().toLowerCase(Locale.ROOT);
            int dash = lower.indexOf('-');
            String language = dash < 0 ? lower : lower.substring(0, dash);
            String current = WITHDRAWN.get(language);
            return current == null ? lower : current + lower.substring(language.length());
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String[] parts = value.trim().toLowerCase(Locale.ROOT).split("-", -1);
            return switch (parts.length) {
                case 1 -> LANGUAGES.contains(parts[0]);
                case 2 -> LANGUAGES.contains(parts[0]) && CountryCode.Validator.isCountry(parts[1]);
                default -> false;
            };
        }
    }
}
