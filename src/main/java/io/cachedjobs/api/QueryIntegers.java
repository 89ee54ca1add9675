package io.cachedjobs.api;

import io.cachedjobs.problem.InvalidRequestException;

/**
 * A whole number from the query string, read strictly: decimal digits only (no hex, no spaces, no
 * exponent), within bounds, or a 400 naming the parameter. Spring's own conversion would take
 * {@code 0x10} for 16.
 */
public final class QueryIntegers {

    private QueryIntegers() {}

    /**
     * {@code value} of the parameter {@code name}, {@code fallback} when absent or empty.
     *
     * @throws InvalidRequestException naming {@code name} when it is no integer from {@code min} to
     *     {@code max}
     */
    public static long read(String name, String value, long fallback, long min, long max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        String range = max == Long.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
        throw InvalidRequestException.of(name, "must be an integer " + range);
    }
}
