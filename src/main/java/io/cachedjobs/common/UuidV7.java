package io.cachedjobs.common;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter, then 62 random
 * bits. The counter makes ids from this process strictly increasing even within one millisecond,
 * so ordering by id is ordering by creation.
 */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastTimeAndCounter;

    private UuidV7() {}

    public static UUID next() {
        return new UUID(nextMostSignificantBits(), randomLeastSignificantBits());
    }

    /**
     * The 48-bit milliseconds and 12-bit counter of a next id, as one number, for ids the database
     * makes in a row (see {@link #sql}): the row at position {@code n} (from 0) takes this number plus
     * {@code n}. Once they are made, {@link #madeUpTo} keeps the ids this process makes afterwards
     * after them.
     */
    public static synchronized long nextTimeAndCounter() {
        long candidate = System.currentTimeMillis() << 12;
        // A clock that stands still or steps back borrows from the counter (and, past 4096 ids
        // in a millisecond, from the next millisecond) instead of repeating or going backwards.
        lastTimeAndCounter = Math.max(candidate, lastTimeAndCounter + 1);
        return lastTimeAndCounter;
    }

    /** Ids made later by this process sort after the one made from {@code timeAndCounter}. */
    public static synchronized void madeUpTo(long timeAndCounter) {
        lastTimeAndCounter = Math.max(lastTimeAndCounter, timeAndCounter);
    }

    /**
     * SQL making the id of a number from {@link #nextTimeAndCounter} (a bigint expression): its
     * milliseconds, version 7, its counter, then the 62 random bits of a {@code gen_random_uuid()};
     * the layout of {@link #next()}.
     */
    public static String sql(String timeAndCounter) {
        return "(lpad(to_hex(((" + timeAndCounter + ") >> 12 << 16) | 28672 | ((" + timeAndCounter
                + ") & 4095)), 16, '0') || right(gen_random_uuid()::text, 17))::uuid";
    }

    private static long nextMostSignificantBits() {
        long timeAndCounter = nextTimeAndCounter();
        long millis = timeAndCounter >>> 12;
        long counter = timeAndCounter & 0xFFFL;
        return (millis << 16) | 0x7000L | counter;
    }

    private static long randomLeastSignificantBits() {
        return (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    }
}
