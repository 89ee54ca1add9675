package io.cachedjobs.common;

import jakarta.persistence.AttributeConverter;

/** Stores an enum as its lower-case name, the same word the API shows. */
public abstract class LowerCaseEnumConverter<E extends Enum<E> & LowerCaseEnum>
        implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected LowerCaseEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.value();
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : LowerCaseEnum.of(type, column);
    }
}
