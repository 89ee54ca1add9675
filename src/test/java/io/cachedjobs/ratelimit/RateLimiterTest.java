package io.cachedjobs.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cachedjobs.support.AtOnce;
import io.cachedjobs.support.TestDatabase;
import io.cachedjobs.support.TestDatabaseConfiguration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The buckets on the test run's PostgreSQL. Most tests refill so slowly (one token in 1000
 * seconds) that no refill happens while they run, however slow the machine, and move a bucket's
 * last call back in time to stand for waiting: the counts they assert are then exact.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class RateLimiterTest {

    /** A token per 1000 seconds: nothing refills during a test. */
    private static final double FROZEN = 0.001;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RateLimiter configured;

    @Test
    void aNewKeyStartsWithTheDefaultBurstAndSpendsOneToken() {
        RateLimit first = configured.take(UUID.randomUUID());

        assertThat(first).isEqualTo(new RateLimit(true, 20, 19, 1, 0));
    }

    @Test
    void aKeyPastItsBurstIsRefusedUntilATokenIsBack() {
        RateLimiter limiter = limiter(FROZEN, 3, 10_000);
        UUID key = UUID.randomUUID();

        List<RateLimit> taken = take(limiter, key, 3);
        RateLimit refused = limiter.take(key);

        assertThat(taken).extracting(RateLimit::allowed).containsOnly(true);
        assertThat(taken).extracting(RateLimit::remaining).containsExactly(2L, 1L, 0L);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(refused.remaining()).isZero();
        // a token takes 1000 s to come back, the whole burst 3000 s
        assertThat(refused.retryAfterSeconds()).isBetween(990L, 1000L);
        assertThat(refused.resetSeconds()).isBetween(2990L, 3000L);
        assertThat(limiter.take(key).allowed()).isFalse();
    }

    @Test
    void tokensComeBackWithTimeButNeverPastTheBurst() {
        RateLimiter limiter = limiter(FROZEN, 2, 10_000);
        UUID key = UUID.randomUUID();
        take(limiter, key, 2);
        assertThat(limiter.take(key).allowed()).isFalse();

        elapse(key, 1000);
        assertThat(limiter.take(key).allowed()).isTrue();
        assertThat(limiter.take(key).allowed()).isFalse();

        elapse(key, 1_000_000);
        assertThat(take(limiter, key, 3)).extracting(RateLimit::allowed).containsExactly(true, true, false);
    }

    /** By the real clock: a client that waits the Retry-After it is given is let in. */
    @Test
    void waitingRetryAfterIsEnough() throws InterruptedException {
        // A token per 200 ms: calls drain the burst unless each takes that long, even on a busy machine
        RateLimiter limiter = limiter(5, 2, 10_000);
        UUID key = UUID.randomUUID();
        RateLimit refused = null;
        for (int call = 0; call < 1000 && refused == null; call++) {
            RateLimit limit = limiter.take(key);
            refused = limit.allowed() ? null : limit;
        }
        assertThat(refused).as("refused within 1000 calls").isNotNull();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        Thread.sleep(refused.retryAfterSeconds() * 1000);

        RateLimit after = limiter.take(key);
        assertThat(after.allowed()).isTrue();
        assertThat(after.remaining()).isEqualTo(1); // 5 tokens in that second: the burst was back
    }

    @Test
    void theHourlyLimitBindsWhenItIsTheLowerOne() {
        RateLimiter limiter = limiter(1000, 1000, 3);
        UUID key = UUID.randomUUID();

        List<RateLimit> taken = take(limiter, key, 4);

        assertThat(taken.get(0)).isEqualTo(new RateLimit(true, 3, 2, 1200, 0));
        assertThat(taken).extracting(RateLimit::allowed).containsExactly(true, true, true, false);
        RateLimit refused = taken.get(3);
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(refused.remaining()).isZero();
        // 3 an hour: a token every 1200 s, all three back in 3600 s
        assertThat(refused.retryAfterSeconds()).isBetween(1190L, 1200L);
        assertThat(refused.resetSeconds()).isBetween(3590L, 3600L);
    }

    @Test
    void theHourlyLimitHoldsAfterTheBurstRefills() {
        RateLimiter limiter = limiter(FROZEN, 2, 3);
        UUID key = UUID.randomUUID();
        take(limiter, key, 2);

        elapse(key, 1_000_000); // bursts are back, the hour too
        assertThat(take(limiter, key, 3)).extracting(RateLimit::allowed).containsExactly(true, true, false);
    }

    @Test
    void aRefusedCallTakesFromNeitherBucket() {
        RateLimiter limiter = limiter(FROZEN, 5, 2);
        UUID key = UUID.randomUUID();

        assertThat(take(limiter, key, 3)).extracting(RateLimit::allowed).containsExactly(true, true, false);
        // the hour refused the third call: the per-second bucket kept the 3 tokens the first two left
        assertThat(levels(key).get(0)).isCloseTo(3.0, within(0.01));
        assertThat(levels(key).get(1)).isCloseTo(0.0, within(0.01));
    }

    @Test
    void aLastCallInTheFutureRefillsNothing() {
        RateLimiter limiter = limiter(FROZEN, 3, 10_000);
        UUID key = UUID.randomUUID();
        take(limiter, key, 3);

        elapse(key, -60); // a clock that stepped back: the last call seems a minute ahead
        RateLimit refused = limiter.take(key);

        assertThat(refused.allowed()).isFalse();
        // no time passed, rather than minus a minute: the bucket is empty, not below empty
        assertThat(levels(key).get(0)).isBetween(0.0, 0.001);
        assertThat(lastCall(key)).isAfter(OffsetDateTime.now().minusMinutes(1));
    }

    @Test
    void keysHaveBucketsOfTheirOwn() {
        RateLimiter limiter = limiter(FROZEN, 2, 10_000);
        UUID spent = UUID.randomUUID();
        UUID rested = UUID.randomUUID();
        take(limiter, spent, 2);
        assertThat(limiter.take(spent).allowed()).isFalse();

        assertThat(take(limiter, rested, 2)).extracting(RateLimit::allowed).containsOnly(true);
    }

    @Test
    void concurrentCallsOnOneKeyNeverGetMoreThanTheBurst() {
        int burst = 5;
        RateLimiter limiter = limiter(FROZEN, burst, 10_000);
        for (int round = 0; round < 5; round++) {
            UUID key = UUID.randomUUID(); // a new key each round: the first calls also race to create its row

            List<RateLimit> answers = AtOnce.run(8, 4, () -> limiter.take(key));

            assertThat(answers.stream().filter(RateLimit::allowed)).hasSize(burst);
            assertThat(answers.stream().filter(RateLimit::allowed).map(RateLimit::remaining))
                    .containsExactlyInAnyOrder(4L, 3L, 2L, 1L, 0L);
        }
    }

    /** Two instances of the service: separate connection pools, one database, one bucket per key. */
    @Test
    void instancesSharingTheDatabaseShareTheBuckets() {
        RateLimitProperties limits = new RateLimitProperties(true, FROZEN, 4, 10_000);
        RateLimiter one = new RateLimiter(jdbc, limits);
        RateLimiter other = new RateLimiter(JdbcClient.create(separateDataSource()), limits);
        UUID key = UUID.randomUUID();

        List<Boolean> allowed = new ArrayList<>();
        for (int call = 0; call < 3; call++) {
            allowed.add(one.take(key).allowed());
            allowed.add(other.take(key).allowed());
        }

        assertThat(allowed).containsExactly(true, true, true, true, false, false);
    }

    @Test
    void theBucketKeepsTheKeysLastCall() {
        RateLimiter limiter = limiter(FROZEN, 1, 10_000);
        UUID key = UUID.randomUUID();
        limiter.take(key);
        elapse(key, 60);
        OffsetDateTime before = lastCall(key);

        limiter.take(key); // refused, but a call all the same

        OffsetDateTime now =
                jdbc.sql("select now()").query(OffsetDateTime.class).single();
        assertThat(lastCall(key)).isAfter(before).isAfterOrEqualTo(now.minusSeconds(5));
    }

    private RateLimiter limiter(double perSecond, long burst, long perHour) {
        return new RateLimiter(jdbc, new RateLimitProperties(true, perSecond, burst, perHour));
    }

    private static List<RateLimit> take(RateLimiter limiter, UUID key, int calls) {
        return IntStream.range(0, calls).mapToObj(call -> limiter.take(key)).toList();
    }

    /** As if {@code seconds} had passed since the key's last call. */
    private void elapse(UUID key, double seconds) {
        int moved = jdbc.sql("""
                        UPDATE rate_limit_buckets SET updated_at = updated_at - make_interval(secs => :seconds)
                        WHERE api_key_id = :key""").param("seconds", seconds).param("key", key).update();
        assertThat(moved).isEqualTo(1);
    }

    /** The key's per-second and hourly levels as stored. */
    private List<Double> levels(UUID key) {
        return jdbc.sql("SELECT per_second, per_hour FROM rate_limit_buckets WHERE api_key_id = :key")
                .param("key", key)
                .query((row, index) -> List.of(row.getDouble(1), row.getDouble(2)))
                .single();
    }

    private OffsetDateTime lastCall(UUID key) {
        return jdbc.sql("SELECT updated_at FROM rate_limit_buckets WHERE api_key_id = :key")
                .param("key", key)
                .query(OffsetDateTime.class)
                .single();
    }

    private static DriverManagerDataSource separateDataSource() {
        JdbcConnectionDetails database = TestDatabase.shared();
        return new DriverManagerDataSource(database.getJdbcUrl(), database.getUsername(), database.getPassword());
    }
}
