package io.cachedjobs.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTimesTest {

    @Test
    void timesAreWrittenAsTheFormatterWritesThem() {
        SplittableRandom random = new SplittableRandom(7);
        long lowest = Instant.parse("-0200-01-01T00:00:00Z").getEpochSecond();
        long highest = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(lowest, highest), random.nextInt(1_000_000_000));
            assertThat(JsonConfiguration.format(at)).isEqualTo(JsonConfiguration.TIME_FORMAT.format(at));
        }
    }

    @Test
    void theEdgesOfEachFieldAreWrittenInFull() {
        for (String text : new String[] {
            "0001-02-03T04:05:06.007Z",
            "1970-01-01T00:00:00.000Z",
            "2023-08-22T10:00:00.000Z",
            "2024-02-29T23:59:59.999Z",
            "9999-12-31T23:59:59.999Z"
        }) {
            assertThat(JsonConfiguration.format(Instant.parse(text))).isEqualTo(text);
        }
        assertThat(JsonConfiguration.format(Instant.parse("2023-08-22T10:00:00.123456789Z")))
                .isEqualTo("2023-08-22T10:00:00.123Z");
        for (String outside : new String[] {"0000-12-31T23:59:59.999Z", "+10000-01-01T00:00:00Z"}) {
            Instant at = Instant.parse(outside);
            assertThat(JsonConfiguration.format(at)).isEqualTo(JsonConfiguration.TIME_FORMAT.format(at));
        }
    }
}
