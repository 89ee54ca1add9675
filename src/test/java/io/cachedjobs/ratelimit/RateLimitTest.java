package io.cachedjobs.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the headers say for given bucket levels, with the default limits. */
class RateLimitTest {

    private final RateLimitProperties limits = new RateLimitProperties(true, 10, 20, 10_000);

    @Test
    void theBurstBindsWhileItHasFewerTokensLeft() {
        RateLimit limit = RateLimit.of(true, limits.perSecondBucket(7.5), limits.perHourBucket(9000));

        // 12.5 tokens to regain at 10 a second
        assertThat(limit).isEqualTo(new RateLimit(true, 20, 7, 2, 0));
    }

    @Test
    void theHourBindsOnceItHasFewerTokensLeft() {
        RateLimit limit = RateLimit.of(true, limits.perSecondBucket(19), limits.perHourBucket(5.2));

        // 9994.8 tokens at 10000 an hour: 3598.128 s
        assertThat(limit).isEqualTo(new RateLimit(true, 10_000, 5, 3599, 0));
    }

    @Test
    void aRefusalWaitsForTheSlowerBucket() {
        RateLimit burstSpent = RateLimit.of(false, limits.perSecondBucket(0.25), limits.perHourBucket(9000));
        RateLimit bothSpent = RateLimit.of(false, limits.perSecondBucket(0.25), limits.perHourBucket(0.5));

        assertThat(burstSpent).isEqualTo(new RateLimit(false, 20, 0, 2, 1)); // 0.075 s, at least 1
        assertThat(bothSpent).isEqualTo(new RateLimit(false, 10_000, 0, 3600, 1)); // half a token: 0.18 s
    }

    @Test
    void retryAfterCountsTheWholeWaitRoundedUp() {
        RateLimitProperties slow = new RateLimitProperties(true, 0.5, 2, 3);

        RateLimit limit = RateLimit.of(false, slow.perSecondBucket(2), slow.perHourBucket(0.1));

        // 0.9 of a token at 3 an hour: 1080 s; the hour binds with no whole token
        assertThat(limit).isEqualTo(new RateLimit(false, 3, 0, 3480, 1080));
    }

    @Test
    void fullBucketsResetNow() {
        RateLimit limit = RateLimit.of(true, limits.perSecondBucket(20), limits.perHourBucket(10_000));

        assertThat(limit.resetSeconds()).isZero();
        assertThat(limit.remaining()).isEqualTo(20);
    }
}
