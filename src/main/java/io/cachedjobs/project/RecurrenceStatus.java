package io.cachedjobs.project;

import com.fasterxml.jackson.annotation.JsonValue;
import io.cachedjobs.common.LowerCaseEnumConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** {@code active}: the recurrence runs; {@code paused}: it is kept but does not run. */
public enum RecurrenceStatus {
    ACTIVE,
    PAUSED;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }

    @Converter(autoApply = true)
    static class ColumnConverter extends LowerCaseEnumConverter<RecurrenceStatus> {
        ColumnConverter() {
            super(RecurrenceStatus.class);
        }
    }
}
