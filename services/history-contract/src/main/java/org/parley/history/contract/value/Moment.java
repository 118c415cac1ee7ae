package org.parley.history.contract.value;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A point in time known to a stated precision. {@code "2022-03"} with precision {@code MONTH} is the whole of
 * March 2022: it starts at the first instant of the month and ends, exclusively, at the first instant of April
 * (UTC). When the precision is omitted it is read from the shape of the value.
 *
 * @param precision how precisely the moment is known
 * @param value     ISO-8601 text matching the precision; absent when the precision is {@code UNKNOWN}
 */
public record Moment(Precision precision, String value) {

    /**
     * The years a well-formed moment may fall in (UTC): four-digit years from 1. Year 0 and negative years parse
     * (ISO-8601 counts them) but name no date a source writes, and years past 9999 need a sign to be written.
     */
    public static final int FIRST_YEAR = 1;

    public static final int LAST_YEAR = 9999;

    public Moment {
        if (precision == null && value != null) {
            precision = precisionOf(value).orElse(null);
        }
        if (precision == null && value == null) {
            precision = Precision.UNKNOWN;
        }
    }

    public static Moment of(String value) {
        return new Moment(null, value);
    }

    public static Moment unknown() {
        return new Moment(Precision.UNKNOWN, null);
    }

    public boolean hasTime() {
        return precision != null && precision != Precision.UNKNOWN;
    }

    /** Why this moment is not well formed, or empty when it is. */
    public Optional<String> defect() {
        if (precision == null) {
            return Optional.of(
                    "'" + value + "' is not an instant, a day (yyyy-MM-dd), a month (yyyy-MM) or a year (yyyy)");
        }
        if (precision == Precision.UNKNOWN) {
            return value == null ? Optional.empty() : Optional.of("an UNKNOWN moment has no value");
        }
        if (value == null) {
            return Optional.of("a " + precision + " moment needs a value");
        }
        try {
            int year = start().atOffset(ZoneOffset.UTC).getYear();
            if (year < FIRST_YEAR || year > LAST_YEAR) {
                return Optional.of("'" + value + "' is outside the years " + FIRST_YEAR + " to " + LAST_YEAR);
            }
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.of("'" + value + "' is not a valid " + precision + " (" + expectedShape(precision) + ")");
        }
    }

    /** The first instant the moment covers. Only for a known, well-formed moment. */
    public Instant start() {
        return switch (requireKnown()) {
            case INSTANT -> Instant.parse(value);
            case DAY -> LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            case MONTH -> YearMonth.parse(value).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case YEAR -> Year.parse(value).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case UNKNOWN -> throw new IllegalStateException("unreachable");
        };
    }

    /** The first instant after the moment: the end of the day, month or year it names. */
    public Instant endExclusive() {
        return switch (requireKnown()) {
            case INSTANT -> Instant.parse(value).plusNanos(1);
            case DAY -> LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case MONTH -> YearMonth.parse(value)
                    .plusMonths(1)
                    .atDay(1)
                    .atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            case YEAR -> Year.parse(value).plusYears(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            case UNKNOWN -> throw new IllegalStateException("unreachable");
        };
    }

    private Precision requireKnown() {
        if (!hasTime()) {
            throw new IllegalStateException("moment " + this + " has no known time");
        }
        return precision;
    }

    private static Optional<Precision> precisionOf(String value) {
        if (value.matches("-?\\d{4}")) {
            return Optional.of(Precision.YEAR);
        }
        if (value.matches("\\d{4}-\\d{2}")) {
            return Optional.of(Precision.MONTH);
        }
        if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Optional.of(Precision.DAY);
        }
        if (value.contains("T")) {
            return Optional.of(Precision.INSTANT);
        }
        return Optional.empty();
    }

    private static String expectedShape(Precision precision) {
        return switch (precision) {
            case INSTANT -> "e.g. 2022-03-29T10:15:00Z";
            case DAY -> "yyyy-MM-dd";
            case MONTH -> "yyyy-MM";
            case YEAR -> "yyyy";
            case UNKNOWN -> "no value";
        };
    }
}
