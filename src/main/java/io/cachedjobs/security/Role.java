package io.cachedjobs.security;

import io.cachedjobs.common.LowerCaseEnum;
import io.cachedjobs.common.LowerCaseEnumConverter;
import jakarta.persistence.Converter;

/**
 * What an API key may do. Each role has every right of the roles after it: {@code admin} everything,
 * including key management; {@code editor} all but key management; {@code viewer} reads and list
 * calls only.
 */
public enum Role implements LowerCaseEnum {
    ADMIN,
    EDITOR,
    VIEWER;

    /** Whether a key of this role may make a call that needs {@code needed}. */
    boolean covers(Role needed) {
        return ordinal() <= needed.ordinal();
    }

    @Override
    public String toString() {
        return value();
    }

    @Converter(autoApply = true)
    static class ColumnConverter extends LowerCaseEnumConverter<Role> {
        ColumnConverter() {
            super(Role.class);
        }
    }
}
