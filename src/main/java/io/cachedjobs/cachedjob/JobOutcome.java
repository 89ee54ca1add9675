package io.cachedjobs.cachedjob;

import io.cachedjobs.common.LowerCaseEnum;
import io.cachedjobs.common.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

/**
 * How an ended job ended: {@code completed} (every execution succeeded), {@code partial_failed}
 * (some failed), {@code failed} (every one failed).
 */
public enum JobOutcome implements LowerCaseEnum {
    COMPLETED,
    PARTIAL_FAILED,
    FAILED;

    @Override
    public String toString() {
        return value();
    }

    @Converter(autoApply = true)
    static class ColumnConverter extends LowerCaseEnumConverter<JobOutcome> {
        ColumnConverter() {
            super(JobOutcome.class);
        }
    }
}
