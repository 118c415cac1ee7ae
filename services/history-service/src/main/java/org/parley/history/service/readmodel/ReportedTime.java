package org.parley.history.service.readmodel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.Precision;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;

/**
 * When a report counts for {@code asOf}: a moment known only to the day, month or year counts from the last
 * instant it covers ("the end of that month"); an unknown publication counts from when Parley recorded the source.
 * Instants are kept to the microsecond, as PostgreSQL keeps them.
 */
public final class ReportedTime {

    /** "Not yet ended", and the sort place of an event with no occurred time. */
    public static final Instant OPEN = Instant.parse("9999-12-31T00:00:00Z");

    private ReportedTime() {}

    /** From when, and why then, a report counts. */
    public record Counting(Instant from, String note) {}

    /** The last instant a well-formed, known moment covers. */
    public static Instant lastInstant(Moment moment) {
        if (moment.precision() == Precision.INSTANT) {
            return moment.start().truncatedTo(ChronoUnit.MICROS);
        }
        return moment.endExclusive().minus(1, ChronoUnit.MICROS);
    }

    /** From when a source's reports count. */
    public static Counting ofPublication(Publication publication, Instant sourceRecordedAt) {
        Moment time = publication.time();
        if (publication.basis() == PublicationBasis.UNKNOWN || !time.hasTime()) {
            Instant recorded = sourceRecordedAt.truncatedTo(ChronoUnit.MICROS);
            return new Counting(
                    recorded,
                    "publication time unknown: counts from when Parley recorded the source (" + recorded + ")");
        }
        String inferred = publication.basis() == PublicationBasis.INFERRED
                ? " (date inferred by an editor" + (publication.note() == null ? "" : ": " + publication.note()) + ")"
                : "";
        return new Counting(lastInstant(time), "published " + describe(time) + inferred);
    }

    /** From when a correction or retraction counts: its own reported time, else its source's. */
    public static Counting ofReport(Moment reported, Counting sourceCounting) {
        if (reported == null || !reported.hasTime()) {
            return new Counting(sourceCounting.from(), "as its source: " + sourceCounting.note());
        }
        return new Counting(lastInstant(reported), "reported " + describe(reported));
    }

    public static String describe(Moment moment) {
        return switch (moment.precision()) {
            case INSTANT -> moment.value();
            case DAY -> moment.value() + ": counts from the end of that day (UTC)";
            case MONTH -> moment.value() + ", known only to the month: counts from the end of that month";
            case YEAR -> moment.value() + ", known only to the year: counts from the end of that year";
            case UNKNOWN -> "at an unknown time";
        };
    }
}
