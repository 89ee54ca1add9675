package io.cachedjobs.common;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * An enum spelled in lower case wherever it leaves Java: in JSON ({@link #value()}), in columns
 * ({@link LowerCaseEnumConverter}, and {@link #of} for plain SQL) and in messages (each enum's
 * {@code toString} returns {@link #value()}: an interface cannot override it).
 */
public interface LowerCaseEnum {

    /** The constant's name, as every enum has it. */
    String name();

    @JsonValue
    default String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant a lower-case word stands for, e.g. a column's value. */
    static <E extends Enum<E> & LowerCaseEnum> E of(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
