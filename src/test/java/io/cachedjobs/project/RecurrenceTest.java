package io.cachedjobs.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecurrenceTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    private static final Instant CREATED = Instant.parse("2023-08-16T09:00:00Z"); // a Wednesday

    private static Instant next(String recurrence, String now, ZoneId zone) {
        return Recurrence.parse(recurrence).nextRunAfter(Instant.parse(now), zone, CREATED);
    }

    @Test
    void manualNeverRuns() {
        assertThat(next("manual", "2023-08-22T10:00:00Z", UTC)).isNull();
        assertThat(Recurrence.parse("manual").isManual()).isTrue();
    }

    @Test
    void dailyRunsAtTheNextLocalMidnight() {
        assertThat(next("daily", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2023-08-23T00:00:00Z");
        // Brussels is UTC+2 in summer: its midnight is 22:00 UTC the day before.
        assertThat(next("daily", "2023-08-22T10:00:00Z", BRUSSELS)).isEqualTo("2023-08-22T22:00:00Z");
        assertThat(next("daily", "2023-08-22T21:59:59.999Z", BRUSSELS)).isEqualTo("2023-08-22T22:00:00Z");
    }

    @Test
    void aRunIsStrictlyAfterNow() {
        assertThat(next("daily", "2023-08-23T00:00:00Z", UTC)).isEqualTo("2023-08-24T00:00:00Z");
        assertThat(next("weekly", "2023-08-28T00:00:00Z", UTC)).isEqualTo("2023-09-04T00:00:00Z");
        assertThat(next("monthly", "2023-09-01T00:00:00Z", UTC)).isEqualTo("2023-10-01T00:00:00Z");
        assertThat(next("0 0 * * *", "2023-08-23T00:00:00Z", UTC)).isEqualTo("2023-08-24T00:00:00Z");
    }

    @Test
    void dailyFollowsDaylightSavingTimeInBrussels() {
        // 31 March 2024: clocks go from 02:00 to 03:00, so that day lasts 23 hours.
        Instant beforeSpring = next("daily", "2024-03-30T12:00:00Z", BRUSSELS);
        assertThat(beforeSpring).isEqualTo("2024-03-30T23:00:00Z"); // 00:00 CET
        Instant afterSpring = Recurrence.parse("daily").nextRunAfter(beforeSpring, BRUSSELS, CREATED);
        assertThat(afterSpring).isEqualTo("2024-03-31T22:00:00Z"); // 00:00 CEST
        assertThat(Duration.between(beforeSpring, afterSpring)).hasHours(23);

        // 27 October 2024: clocks go from 03:00 back to 02:00, so that day lasts 25 hours.
        Instant beforeAutumn = next("daily", "2024-10-26T12:00:00Z", BRUSSELS);
        assertThat(beforeAutumn).isEqualTo("2024-10-26T22:00:00Z");
        Instant afterAutumn = Recurrence.parse("daily").nextRunAfter(beforeAutumn, BRUSSELS, CREATED);
        assertThat(afterAutumn).isEqualTo("2024-10-27T23:00:00Z");
        assertThat(Duration.between(beforeAutumn, afterAutumn)).hasHours(25);
    }

    @Test
    void whereMidnightDoesNotExistTheDayStartsAtItsFirstValidTime() {
        // Santiago moved its clocks from 00:00 to 01:00 on 8 September 2024 (UTC-4 to UTC-3).
        assertThat(next("daily", "2024-09-07T12:00:00Z", ZoneId.of("America/Santiago")))
                .isEqualTo("2024-09-08T04:00:00Z"); // 01:00 local, UTC-3
    }

    @Test
    void weeklyRunsOnMondays() {
        assertThat(next("weekly", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2023-08-28T00:00:00Z");
        // 23:59 on Monday in Brussels is still Monday there: the next run is a week later.
        assertThat(next("weekly", "2023-08-21T21:59:00Z", BRUSSELS)).isEqualTo("2023-08-27T22:00:00Z");
        // At 16:00 UTC on Sunday it is already Monday in Tokyo: that Monday's run has passed.
        assertThat(next("weekly", "2023-08-27T16:00:00Z", ZoneId.of("Asia/Tokyo")))
                .isEqualTo("2023-09-03T15:00:00Z");
    }

    @Test
    void biweeklyRunsEveryOtherMondayCountedFromTheCreationWeek() {
        // Created on Wednesday 16 August 2023: weeks are counted from Monday 14 August.
        assertThat(next("biweekly", "2023-08-17T10:00:00Z", UTC)).isEqualTo("2023-08-28T00:00:00Z");
        assertThat(next("biweekly", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2023-08-28T00:00:00Z");
        assertThat(next("biweekly", "2023-08-28T00:00:00Z", UTC)).isEqualTo("2023-09-11T00:00:00Z");
        assertThat(next("biweekly", "2023-09-05T10:00:00Z", UTC)).isEqualTo("2023-09-11T00:00:00Z");
        assertThat(next("biweekly", "2023-09-12T10:00:00Z", UTC)).isEqualTo("2023-09-25T00:00:00Z");
        // Across the autumn change the schedule keeps its Mondays, at local midnight.
        assertThat(next("biweekly", "2023-10-24T10:00:00Z", BRUSSELS)).isEqualTo("2023-11-05T23:00:00Z");
    }

    @Test
    void monthlyRunsOnTheFirst() {
        assertThat(next("monthly", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2023-09-01T00:00:00Z");
        assertThat(next("monthly", "2023-08-22T10:00:00Z", BRUSSELS)).isEqualTo("2023-08-31T22:00:00Z");
        assertThat(next("monthly", "2023-12-31T23:30:00Z", UTC)).isEqualTo("2024-01-01T00:00:00Z");
        // In Brussels the 1st of January has already begun at 23:30 UTC on the 31st.
        assertThat(next("monthly", "2023-12-31T23:30:00Z", BRUSSELS)).isEqualTo("2024-01-31T23:00:00Z");
    }

    @Test
    void cronExpressionsOfFiveFieldsRunOnTheMinute() {
        // Mondays at 09:00 in Brussels: 07:00 UTC in summer, 08:00 UTC in winter.
        assertThat(next("0 9 * * MON", "2023-08-22T10:00:00Z", BRUSSELS)).isEqualTo("2023-08-28T07:00:00Z");
        assertThat(next("0 9 * * MON", "2023-11-22T10:00:00Z", BRUSSELS)).isEqualTo("2023-11-27T08:00:00Z");
    }

    @Test
    void cronExpressionsOfSixFieldsStartWithSeconds() {
        assertThat(next("30 15 10 * * *", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2023-08-22T10:15:30Z");
        assertThat(next("0 0 12 1 * *", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2023-09-01T12:00:00Z");
    }

    @Test
    void aCronTimeThatDoesNotExistOnTheDayOfSpringForwardIsSkippedThatDay() {
        // 02:30 does not exist in Brussels on 31 March 2024; the next 02:30 is on 1 April (CEST).
        assertThat(next("0 30 2 * * *", "2024-03-30T12:00:00Z", BRUSSELS)).isEqualTo("2024-04-01T00:30:00Z");
    }

    @Test
    void recurrenceTextIsTrimmedAndKept() {
        assertThat(Recurrence.parse("  daily ").text()).isEqualTo("daily");
        assertThat(Recurrence.parse(" 0 9 * * MON ").text()).isEqualTo("0 9 * * MON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "hourly", "Daily", "DAILY", "@daily", "0 9 * *", "0 0 9 * * MON 2024"})
    void anythingElseIsNotARecurrence(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Recurrence.parse(value))
                .withMessageStartingWith("must be one of manual, daily, weekly, biweekly, monthly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 61 * * *", "x 9 * * MON", "0 9 * * FUNDAY", "0 0 25 * * *", "0 9 32 * *"})
    void invalidCronExpressionsAreRefused(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Recurrence.parse(value))
                .withMessageStartingWith("is not a valid CRON expression");
    }

    @Test
    void aCronExpressionThatNeverRunsIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Recurrence.parse("0 0 30 2 *"))
                .withMessage("is a CRON expression that never runs");
    }

    @Test
    void timeZonesAreIanaIds() {
        assertThat(Recurrence.timeZone("Europe/Brussels")).isEqualTo(BRUSSELS);
        assertThat(Recurrence.timeZone("UTC")).isEqualTo(UTC);
        assertThat(Recurrence.timeZone(" America/New_York ")).isEqualTo(ZoneId.of("America/New_York"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Mars/Olympus", "europe/brussels", "+02:00", "Z", "GMT+2", "CEST"})
    void otherTimeZonesAreRefused(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Recurrence.timeZone(value))
                .withMessage("must be an IANA time zone id, e.g. UTC or Europe/Brussels");
    }

    @Test
    void whenBothDayFieldsAreRestrictedADayMatchingEitherRunsAsInCrontab() {
        // The 13th of each month and every Friday: 2023-08-22 is a Tuesday, the next Friday the
        // 25th, and after it the 1st of September (a Friday) and the 13th of September.
        assertThat(next("0 9 13 * FRI", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2023-08-25T09:00:00Z");
        assertThat(next("0 9 13 * FRI", "2023-09-02T10:00:00Z", UTC)).isEqualTo("2023-09-08T09:00:00Z");
        assertThat(next("0 9 13 * FRI", "2023-09-09T10:00:00Z", UTC)).isEqualTo("2023-09-13T09:00:00Z");
        // A day field starting with * counts as unrestricted, as in cron itself: both must match,
        // here an odd day of the month that is a Monday.
        assertThat(next("0 9 13 * *", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2023-09-13T09:00:00Z");
        assertThat(next("0 9 */2 * MON", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2023-09-11T09:00:00Z");
    }

    @Test
    void aCronExpressionThatNeverRunsByDayOfMonthStillRunsByDayOfWeek() {
        // February 30th never comes, but February's Mondays do.
        assertThat(next("0 0 30 2 MON", "2023-08-22T10:00:00Z", UTC)).isEqualTo("2024-02-05T00:00:00Z");
    }

    @Test
    void cronFieldsMayBeSeparatedByAnyWhitespace() {
        Recurrence tabs = Recurrence.parse("0\t9  *\u00a0* MON");
        assertThat(tabs.text()).isEqualTo("0 9 * * MON");
        assertThat(tabs.nextRunAfter(Instant.parse("2023-08-22T10:00:00Z"), UTC, CREATED))
                .isEqualTo("2023-08-28T09:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SystemV/EST5", "EST5EDT", "EST", "Etc/GMT+5", "US/Eastern", "Zulu"})
    void zonesThatAreNoRegionOfTheIanaDatabaseAreRefused(String value) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Recurrence.timeZone(value))
                .withMessage("must be an IANA time zone id, e.g. UTC or Europe/Brussels");
    }
}
