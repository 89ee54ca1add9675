package io.cachedjobs.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock a test sets: the service's time (the {@link Clock} bean) stands still until the test
 * moves it, so that what happens at a time is tested at that time, not after a sleep.
 */
public final class TestClock extends Clock {

    private volatile Instant now;

    /** A clock at the current time, to the second. */
    public TestClock() {
        this(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    public TestClock(Instant now) {
        this.now = now;
    }

    /** Moves the clock to {@code instant}; never back, so that a run made stays made. */
    public synchronized void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("The test clock does not go back: " + instant + " < " + now);
        }
        now = instant;
    }

    public void advance(Duration duration) {
        set(now.plus(duration));
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The service reads instants, in UTC");
    }
}
