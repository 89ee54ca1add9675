package io.cachedjobs.project;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
    /** The areas of the IANA database's region names (its continents and oceans). */
    private static final Set<String> REGION_AREAS = Set.of(
            "Africa",
            "America",
            "Antarctica",
            "Arctic",
            "Asia",
            "Atlantic",
            "Australia",
            "Europe",
            "Indian",
            "Pacific");

    private static final String CRON_FORM =
            "5 fields (minute hour day-of-month month day-of-week) or 6 (second first), e.g. \"0 9 * * MON\"";
    static final String EXPECTED =
            "must be one of " + String.join(", ", KEYWORDS) + ", or a CRON expression of " + CRON_FORM;

    private final String text;
    /** None for a keyword; one, or two whose earlier run is the next (see {@link #eitherDay}). */
    private final List<CronExpression> crons;

    private Recurrence(String text, List<CronExpression> crons) {
        this.text = text;
        this.crons = crons;
    }

    /**
     * The recurrence the text names. A CRON expression is read as crontab(5) reads it: fields
     * separated by any whitespace, and where both day-of-month and day-of-week are restricted (do
     * not start with {@code *}), a day matching either runs.
     *
     * @throws IllegalArgumentException with a message for API users when it names none
     */
    static Recurrence parse(String value) {
        String text = value.strip();
        if (KEYWORDS.contains(text)) {
            return new Recurrence(text, List.of());
        }
        String[] fields = text.split("[\\s\\p{Z}]+");
        if (text.isEmpty() || (fields.length != 5 && fields.length != 6)) {
            throw new IllegalArgumentException(EXPECTED);
        }
        // Spring's CRON has seconds first; the common 5-field form runs on the minute.
        List<String> six = new ArrayList<>(List.of(fields));
        if (six.size() == 5) {
            six.add(0, "0");
        }
        List<CronExpression> crons;
        try {
            crons = eitherDay(six).stream()
                    .map(each -> CronExpression.parse(String.join(" ", each)))
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid CRON expression of " + CRON_FORM);
        }
        Recurrence recurrence = new Recurrence(String.join(" ", fields), crons);
        // Spring looks a few years ahead at most; an expression such as February 30th never runs.
        if (recurrence.nextCron(ZonedDateTime.now(ZoneOffset.UTC)) == null) {
            throw new IllegalArgumentException("is a CRON expression that never runs");
        }
        return recurrence;
    }

    /**
     * Spring's CRON runs only on days matching both day fields; crontab(5) runs on days matching
     * either when both are restricted. Those are two expressions, each with one day field left free.
     */
    private static List<List<String>> eitherDay(List<String> six) {
        String dayOfMonth = six.get(3);
        String dayOfWeek = six.get(5);
        if (dayOfMonth.startsWith("*")
                || dayOfWeek.startsWith("*")
                || dayOfMonth.equals("?")
                || dayOfWeek.equals("?")) {
            return List.of(six);
        }
        List<String> byDayOfMonth = new ArrayList<>(six);
        byDayOfMonth.set(5, "*");
        List<String> byDayOfWeek = new ArrayList<>(six);
        byDayOfWeek.set(3, "*");
        return List.of(byDayOfMonth, byDayOfWeek);
    }

    /**
     * The zone the id names, if it is an IANA region name ({@code Area/Location}, such as {@code
     * Europe/Brussels}) or {@code UTC}. Offsets such as {@code +02:00}, fixed zones such as {@code
     * EST} or {@code Etc/GMT+5} and the JDK's {@code SystemV/*} ids are refused: they ignore
     * daylight saving time or are no region of the IANA database.
     *
     * @throws IllegalArgumentException with a message for API users otherwise
     */
    static ZoneId timeZone(String value) {
        String id = value.strip();
        String area = id.contains("/") ? id.substring(0, id.indexOf('/')) : "";
        boolean region =
                REGION_AREAS.contains(area) && ZoneId.getAvailableZoneIds().contains(id);
        if (!id.equals(DEFAULT_TIME_ZONE) && !region) {
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
        if (!crons.isEmpty()) {
            ZonedDateTime next = nextCron(now.atZone(zone));
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

    private ZonedDateTime nextCron(ZonedDateTime after) {
        return crons.stream()
                .map(cron -> cron.next(after))
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
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
