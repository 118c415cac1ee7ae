package org.parley.history.service.readmodel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import org.parley.history.contract.value.Moment;

/**
 * An {@code asOf} or {@code recordedAsOf} as asked and as applied: a date means the end of that day (UTC), a month
 * the end of that month; a time later than now is refused rather than guessed.
 *
 * @param requested what was asked, or absent for now
 * @param until     the last instant that counts
 * @param note      how the request was read
 */
public record TimeBound(String requested, @JsonIgnore Instant until, String note) {

    public static TimeBound parse(String field, String text, Instant now) {
        if (text == null || text.isBlank()) {
            return new TimeBound(null, now, "now: everything up to the moment of the request");
        }
        Moment moment = Moment.of(text.trim());
        if (!moment.hasTime() || moment.defect().isPresent()) {
            throw invalid(
                    field,
                    moment.defect()
                            .orElse("must be a date (yyyy-MM-dd), a month (yyyy-MM), a year (yyyy)"
                                    + " or an instant (e.g. 2022-03-29T10:15:00Z)"));
        }
        if (moment.start().isAfter(now)) {
            throw invalid(field, "'" + text.trim() + "' is later than now; Parley does not guess the future");
        }
        Instant until = ReportedTime.lastInstant(moment);
        String note =
                switch (moment.precision()) {
                    case INSTANT -> "up to " + until;
                    case DAY -> "up to the end of " + moment.value() + " (UTC)";
                    case MONTH -> "up to the end of the month " + moment.value() + " (UTC)";
                    case YEAR -> "up to the end of the year " + moment.value() + " (UTC)";
                    case UNKNOWN -> throw new IllegalStateException("unreachable");
                };
        return new TimeBound(moment.value(), until, note);
    }

    /** The last instant that counts, shown only when it was asked for (so that answers repeat byte for byte). */
    @JsonProperty("countsUntil")
    public Instant countsUntil() {
        return requested == null ? null : until;
    }

    public static InvalidQuery invalid(String field, String reason) {
        return new InvalidQuery(field, reason);
    }
}
