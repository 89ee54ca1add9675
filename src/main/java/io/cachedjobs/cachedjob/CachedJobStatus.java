package io.cachedjobs.cachedjob;

import io.cachedjobs.common.LowerCaseEnum;
import io.cachedjobs.common.LowerCaseEnumConverter;
import jakarta.persistence.Converter;
import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a cached job. {@code pending}: queued, waiting to run; {@code active}: running;
 * {@code ended}: finished, final; {@code inactive}: paused by a user. A user may pause a pending or
 * active job and resume an inactive one (back to pending); {@code active} and {@code ended} are
 * reached only by running the job.
 */
public enum CachedJobStatus implements LowerCaseEnum {
    PENDING,
    ACTIVE,
    ENDED,
    INACTIVE;

    /** The statuses a user may move a job to from this one. */
    public Set<CachedJobStatus> userTransitions() {
        return switch (this) {
            case PENDING, ACTIVE -> EnumSet.of(INACTIVE);
            case INACTIVE -> EnumSet.of(PENDING);
            case ENDED -> EnumSet.noneOf(CachedJobStatus.class);
        };
    }

    @Override
    public String toString() {
        return value();
    }

    @Converter(autoApply = true)
    static class ColumnConverter extends LowerCaseEnumConverter<CachedJobStatus> {
        ColumnConverter() {
            super(CachedJobStatus.class);
        }
    }
}
