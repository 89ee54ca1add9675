package io.cachedjobs.project;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a project's queries run again: a keyword ({@code manual}, {@code daily}, {@code weekly},
 * {@code biweekly}, {@code monthly}) or a CRON expression, read in the project's time zone.
 * Keywords run at the start of the local day; a run is always strictly after the given instant.
 */
final class Recurrence {

    static final String MANUAL = "manual";
    static final List<String> KEYWORDS = List.of(MANUAL, "daily", "weekly", "biweekly", "monthly");
    static final String DEFAULT_TIME_ZONE = "UTC";

    private static final String CRON_FORM =
            "5 fields (minute hour day-of-month month day-of-week) or 6 (second first), e.g. \"0 9 * * MON\"";
    static final String EXPECTED =
            "must be one of " + String.join(", ", KEYWORDS) + ", or a CRON expression of " + CRON_FORM;

    private final String text;
    private final CronExpression cron;

    private Recurrence(String text, CronExpression cron) {
        this.text = text;
        this.cron = cron;
    }

    /**
     * The recurrence the text names.
     *
     * @throws IllegalArgumentException with a message for API users when it names none
     */
    static Recurrence parse(String value) {
        String text = value.trim();
        if (KEYWORDS.contains(text)) {
            return new Recurrence(text, null);
        }
        String[] fields = text.split("\\s+");
        if (text.isEmpty() || (fields.length != 5 && fields.length != 6)) {
            throw new IllegalArgumentException(EXPECTED);
        }
        // Spring's CRON has seconds first; the common 5-field form runs on the minute.
        String sixFields = fields.length == 5 ? "0 " + text : text;
        CronExpression cron;
        try {
            cron = CronExpression.parse(sixFields);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid CRON expression of " + CRON_FORM);
        }
        // Spring looks a few years ahead at most; an expression such as February 30th never runs.
        if (cron.next(ZonedDateTime.now(ZoneOffset.UTC)) == null) {
            throw new IllegalArgumentException("is a CRON expression that never runs");
        }
        return new Recurrence(text, cron);
    }

    /**
     * The zone the id names, if it is an IANA region id or {@code UTC}; offsets such as {@code
     * +02:00} are refused because they ignore daylight saving time.
     *
     * @throws IllegalArgumentException with a message for API users otherwise
     */
    static ZoneId timeZone(String value) {
        String id = value.trim();
        if (!ZoneId.getAvailableZoneIds().contains(id)) {
            throw new IllegalArgumentException("must be an IANA time zone id, e.g. UTC or Europe/Brussels");
        }
        return ZoneId.of(id);
    }

    String text() {
        return text;
    }

    boolean isManual() {
        return MANUAL.equals(text);
    }

    /**
     * The first run strictly after {@code now}, or null for {@code manual}.
     *
     * @param createdAt when the project was made: {@code biweekly} counts its weeks from the Monday
     *     of that week
     */
    Instant nextRunAfter(Instant now, ZoneId zone, Instant createdAt) {
        if (cron != null) {
            ZonedDateTime next = cron.next(now.atZone(zone));
            return next == null ? null : next.toInstant();
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        return switch (text) {
            case "daily" -> firstStartOfDayAfter(now, zone, today, day -> day.plusDays(1));
            case "weekly" -> firstStartOfDayAfter(now, zone, monday(today), day -> day.plusWeeks(1));
            case "biweekly" -> {
                LocalDate anchor = monday(createdAt.atZone(zone).toLocalDate());
                LocalDate monday = monday(today);
                long weeks = ChronoUnit.WEEKS.between(anchor, monday);
                LocalDate onSchedule = Math.floorMod(weeks, 2) == 0 ? monday : monday.minusWeeks(1);
                yield firstStartOfDayAfter(now, zone, onSchedule, day -> day.plusWeeks(2));
            }
            case "monthly" -> firstStartOfDayAfter(now, zone, today.withDayOfMonth(1), day -> day.plusMonths(1));
            default -> null;
        };
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /**
     * Steps from a day on the schedule, not after today, to the first whose start is after now. The
     * start of a day is its first valid local time: where midnight falls in a DST gap, it is later.
     */
    private static Instant firstStartOfDayAfter(
            Instant now, ZoneId zone, LocalDate onSchedule, UnaryOperator<LocalDate> next) {
        LocalDate day = onSchedule;
        while (!day.atStartOfDay(zone).toInstant().isAfter(now)) {
            day = next.apply(day);
        }
        return day.atStartOfDay(zone).toInstant();
    }
}
