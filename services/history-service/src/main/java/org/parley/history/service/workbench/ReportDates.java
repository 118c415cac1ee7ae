package org.parley.history.service.workbench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.parley.history.service.sources.read.SourceProvenance.SourceGraphAnswer;
import org.parley.history.service.sources.read.SourceProvenance.SourceNode;

/**
 * The stops of the as-of control: the days on which reports began to count (a source's publication, or its recording
 * when undated), oldest first, and "now" after them. Between two stops nothing new was reported, so a stop is the
 * only place where the view can change.
 *
 * @param days     the days, each a valid {@code asOf} (no later than today)
 * @param selected the stop the view stands on: the last day at or before the asked {@code asOf}, or "now"
 *                 ({@code days.size()}) when none was asked
 */
public record ReportDates(List<LocalDate> days, int selected) {

    static ReportDates of(SourceGraphAnswer sources, LocalDate asked, LocalDate today) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (SourceNode source : sources.sources()) {
            if (source.reported() != null && source.reported().countsFrom() != null) {
                LocalDate day = day(source.reported().countsFrom());
                if (!day.isAfter(today)) {
                    days.add(day);
                }
            }
        }
        if (asked != null && !asked.isAfter(today)) {
            // a permalink may stand between two stops; it is kept, so the control shows exactly what was asked
            days.add(asked);
        }
        List<LocalDate> ordered = new ArrayList<>(days);
        int selected = asked == null ? ordered.size() : ordered.indexOf(asked);
        return new ReportDates(List.copyOf(ordered), selected);
    }

    /** The control's stops as the page's script reads them: the days, and an empty one for now. */
    public String attribute() {
        StringBuilder stops = new StringBuilder();
        days.forEach(day -> stops.append(day).append(','));
        return stops.toString();
    }

    public int now() {
        return days.size();
    }

    /** The selected stop in words: its day, or "now". */
    public String label() {
        return selected < 0 || selected >= days.size()
                ? "now"
                : Dates.day(days.get(selected).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The day a report counts from, in UTC: a date means the end of that day, so this is the first it counts in. */
    static LocalDate day(Instant countsFrom) {
        return countsFrom.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
