package io.cachedjobs.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The API shows times to the millisecond, so they are stored at that precision too. */
public final class Times {

    private Times() {}

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
