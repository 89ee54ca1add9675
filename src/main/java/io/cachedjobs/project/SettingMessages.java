package io.cachedjobs.project;

import jakarta.validation.ConstraintValidatorContext;

final class SettingMessages {

    private SettingMessages() {}

    /**
     * Replaces the constraint's default message with the parser's. Braces and dollars are escaped:
     * the validator would otherwise read them as message parameters or expressions.
     */
    static boolean refuse(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message.replaceAll("([{}$\\\\])", "\\\\$1"))
                .addConstraintViolation();
        return false;
    }
}
