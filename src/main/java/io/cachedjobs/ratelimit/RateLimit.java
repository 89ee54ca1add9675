package io.cachedjobs.ratelimit;

/**
 * The outcome of one call against a key's two buckets (a burst refilled every second, and an
 * hourly allowance), in the terms of the response headers. The headers describe the bucket that
 * binds now, the one with fewer whole tokens left (see {@link Bucket#tighter}): a client reading
 * them learns the limit it is about to meet, whichever it is.
 *
 * @param allowed whether the call may go ahead; a token was taken from both buckets only then
 * @param limit {@code X-RateLimit-Limit}: the capacity of the binding bucket, i.e. the burst or the
 *     hourly limit
 * @param remaining {@code X-RateLimit-Remaining}: whole tokens left in the binding bucket after
 *     this call
 * @param resetSeconds {@code X-RateLimit-Reset}: seconds, rounded up, until the binding bucket is
 *     full again (a delta, not a time of day, so that client clocks do not matter); 0 when full
 * @param retryAfterSeconds {@code Retry-After} of a refused call: seconds, rounded up and at least
 *     1, until every bucket holds a token again; 0 when the call was allowed
 */
public record RateLimit(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /** The outcome from the buckets as they stand after the call. */
    static RateLimit of(boolean allowed, Bucket perSecond, Bucket perHour) {
        Bucket binding = perSecond.tighter(perHour);
        long retryAfter =
                allowed ? 0 : Math.max(1, Math.max(perSecond.secondsUntilOneToken(), perHour.secondsUntilOneToken()));
        return new RateLimit(
                allowed, binding.capacity(), binding.wholeTokens(), binding.secondsUntilFull(), retryAfter);
    }
}
