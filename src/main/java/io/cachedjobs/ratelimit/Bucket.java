package io.cachedjobs.ratelimit;

/**
 * One token bucket as the database left it after a call: what the headers are computed from.
 * Times round up, so that a client waiting as long as it is told is never refused for a fraction
 * of a token.
 *
 * @param capacity the most tokens it holds
 * @param refillPerSecond tokens regained per second, continuously
 * @param level tokens held now, fractional
 */
record Bucket(long capacity, double refillPerSecond, double level) {

    private static final double NOISE_SECONDS = 1e-6;

    long wholeTokens() {
        return (long) Math.floor(Math.max(0, level));
    }

    long secondsUntilFull() {
        return secondsToRegain(capacity - level);
    }

    /** Zero when a token is there now. */
    long secondsUntilOneToken() {
        return secondsToRegain(1 - level);
    }

    /**
     * Of two buckets, the one that limits the client first: fewer whole tokens left, or on a tie
     * the one slower to fill again (the hourly bucket when both are empty).
     */
    Bucket tighter(Bucket other) {
        if (wholeTokens() != other.wholeTokens()) {
            return wholeTokens() < other.wholeTokens() ? this : other;
        }
        return secondsUntilFull() >= other.secondsUntilFull() ? this : other;
    }

    /**
     * Rounded up, ignoring a microsecond of floating-point noise: one token at 3 an hour is
     * 1200.0000000000002 s, which must say 1200, not 1201. Far less than any call's round trip.
     */
    private long secondsToRegain(double tokens) {
        double seconds = tokens / refillPerSecond - NOISE_SECONDS;
        return seconds <= 0 ? 0 : (long) Math.ceil(seconds);
    }
}
