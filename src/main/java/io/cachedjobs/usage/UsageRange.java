package io.cachedjobs.usage;

import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.InvalidRequestException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The UTC days a usage answer counts: from {@code from} (inclusive) to {@code to} (exclusive).
 *
 * @param from the first day counted
 * @param to the day after the last
 */
record UsageRange(LocalDate from, LocalDate to) {

    /** Days counted when the call names neither end: the last 30, today included. */
    static final int DEFAULT_DAYS = 30;

    /** The most days one call counts: a year, leap day included. */
    static final int MAX_DAYS = 366;

    /** Usage is counted from this day on: no execution is older, and dates stay in PostgreSQL's range. */
    static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter ISO_DAY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    /**
     * The range the parameters name, as given in the query string (null when left out): {@code to}
     * defaults to tomorrow, so that today counts, and {@code from} to {@value #DEFAULT_DAYS} days
     * before {@code to}.
     *
     * @param today the current UTC day
     * @throws InvalidRequestException naming {@code from} or {@code to} when one is not a day {@code
     *     YYYY-MM-DD} from 2000-01-01 on, and {@code from} when it is not before {@code to} or more
     *     than {@value #MAX_DAYS} days before it; every problem at once
     */
    static UsageRange of(String from, String to, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate start = day("from", from, problems);
        LocalDate end = day("to", to, problems);
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        if (end == null) {
            end = today.plusDays(1);
        }
        if (start == null) {
            start = end.minusDays(DEFAULT_DAYS);
        }
        if (!start.isBefore(end)) {
            throw InvalidRequestException.of("from", "must be before to (" + end + "): to is exclusive");
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            throw InvalidRequestException.of(
                    "from",
                    "must be at most " + MAX_DAYS + " days before to (" + end + "); ask for a longer time in parts");
        }
        return new UsageRange(start, end);
    }

    private static LocalDate day(String name, String value, List<FieldProblem> problems) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (DAY.matcher(value).matches()) {
                LocalDate day = LocalDate.parse(value, ISO_DAY);
                if (!day.isBefore(EARLIEST)) {
                    return day;
                }
            }
        } catch (DateTimeParseException e) {
            // answered below, like any other text that is no day
        }
        problems.add(new FieldProblem(name, "must be a UTC day, YYYY-MM-DD, from " + EARLIEST + " on"));
        return null;
    }
}
