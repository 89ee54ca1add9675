package io.cachedjobs.entity;

import io.cachedjobs.common.LowerCaseEnum;
import io.cachedjobs.common.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

/** What an entity is; a label for people and filters, the extraction treats all alike. */
public enum EntityType implements LowerCaseEnum {
    BRAND,
    COMPANY,
    PRODUCT,
    PERSON,
    OTHER;

    @Override
    public String toString() {
        return value();
    }

    @Converter(autoApply = true)
    static class ColumnConverter extends LowerCaseEnumConverter<EntityType> {
        ColumnConverter() {
            super(EntityType.class);
        }
    }
}
