package io.cachedjobs.cachedjob;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * {@code pending}: queued, waiting to run; {@code active}: running; {@code ended}: finished;
 * {@code inactive}: paused by a user.
 */
public enum CachedJobStatus {
    PENDING,
    ACTIVE,
    ENDED,
    INACTIVE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }

    @Converter(autoApply = true)
    static class ColumnConverter implements AttributeConverter<CachedJobStatus, String> {

        @Override
        public String convertToDatabaseColumn(CachedJobStatus status) {
            return status.value();
        }

        @Override
        public CachedJobStatus convertToEntityAttribute(String value) {
            return CachedJobStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
