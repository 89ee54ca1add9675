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

    private static synchronized long nextMostSignificantBits() {
        long candidate = System.currentTimeMillis() << 12;
        // A clock that stands still or steps back borrows from the counter (and, past 4096 ids
        // in a millisecond, from the next millisecond) instead of repeating or going backwards.
        lastTimeAndCounter = Math.max(candidate, lastTimeAndCounter + 1);
        long millis = lastTimeAndCounter >>> 12;
        long counter = lastTimeAndCounter & 0xFFFL;
        return (millis << 16) | 0x7000L | counter;
    }

    private static long randomLeastSignificantBits() {
        return (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    }
}
