package io.cachedjobs.project;

import io.cachedjobs.common.LowerCaseEnum;
import io.cachedjobs.common.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

/** {@code active}: the recurrence runs; {@code paused}: it is kept but does not run. */
public enum RecurrenceStatus implements LowerCaseEnum {
    ACTIVE,
    PAUSED;

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
