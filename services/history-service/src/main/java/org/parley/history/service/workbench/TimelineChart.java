package org.parley.history.service.workbench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.parley.history.service.narratives.read.NarrativeTimeline.NarrativeTimelineEntry;

/**
 * The timeline drawn on an occurred-time axis. Every lane shares one scale ({@value #WIDTH} units wide), so that a
 * bar in one lane lines up with the axis and the others. An event claimed to within a day is a point; one claimed
 * only to a month, a year or a range is drawn as the whole range it is. Events whose order is not known (an overlap
 * group) share one lane group, listed by title rather than by time so that the eye reads no order into them.
 */
public record TimelineChart(List<Lane> lanes, List<Tick> ticks, List<NarrativeTimelineEntry> undated) {

    static final int WIDTH = 1000;

    /**
     * One event's bar: where it starts and how wide, in units of {@value #WIDTH}; {@code earlier} when it begins
     * before the axis does (it is drawn from the axis's start, and its dates are written beside it).
     */
    public record Bar(
            NarrativeTimelineEntry entry, double x, double width, boolean range, boolean earlier, String when) {}

    /** A lane group: one event, or every event of one overlap group. */
    public record Lane(String overlapGroup, List<Bar> bars) {
        public boolean orderUnknown() {
            return overlapGroup != null && bars.size() > 1;
        }
    }

    public record Tick(double x, String label) {}

    private static final Duration DAY = Duration.ofDays(1);

    static TimelineChart of(List<NarrativeTimelineEntry> entries) {
        List<NarrativeTimelineEntry> dated = new ArrayList<>();
        List<NarrativeTimelineEntry> undated = new ArrayList<>();
        entries.forEach(entry -> (entry.occurredStart() == null ? undated : dated).add(entry));
        if (dated.isEmpty()) {
            return new TimelineChart(List.of(), List.of(), undated);
        }
        Instant last = dated.stream()
                .map(TimelineChart::end)
                .max(Comparator.naturalOrder())
                .get();
        Scale scale = new Scale(axisStart(dated, last).minus(DAY), last.plus(DAY));

        List<Lane> lanes = new ArrayList<>();
        List<Bar> group = new ArrayList<>();
        String groupName = null;
        for (NarrativeTimelineEntry entry : dated) {
            if (entry.overlapGroup() == null || !entry.overlapGroup().equals(groupName)) {
                close(lanes, groupName, group);
                group = new ArrayList<>();
                groupName = entry.overlapGroup();
            }
            group.add(bar(entry, scale));
        }
        close(lanes, groupName, group);
        return new TimelineChart(List.copyOf(lanes), ticks(scale), List.copyOf(undated));
    }

    /** The events in the order the chart draws them: lane by lane, then those with no occurred time. */
    public List<NarrativeTimelineEntry> entries() {
        List<NarrativeTimelineEntry> entries = new ArrayList<>();
        lanes.forEach(lane -> lane.bars().forEach(bar -> entries.add(bar.entry())));
        entries.addAll(undated);
        return entries;
    }

    private static void close(List<Lane> lanes, String groupName, List<Bar> group) {
        if (group.isEmpty()) {
            return;
        }
        if (group.size() > 1) {
            group.sort(Comparator.comparing(bar -> bar.entry().title(), String.CASE_INSENSITIVE_ORDER));
        }
        lanes.add(new Lane(groupName, List.copyOf(group)));
    }

    private static Bar bar(NarrativeTimelineEntry entry, Scale scale) {
        Instant start = entry.occurredStart();
        Instant end = end(entry);
        boolean range = Duration.between(start, end).compareTo(DAY) > 0;
        boolean earlier = start.isBefore(scale.from);
        double x = earlier ? 0 : scale.x(start);
        double width = Math.max(range ? 2 : 0, Math.max(0, scale.x(end)) - x);
        String from = Dates.day(start);
        String to = Dates.day(end.minusNanos(1));
        return new Bar(entry, round(x), round(width), range, earlier, from.equals(to) ? from : from + " – " + to);
    }

    /**
     * Where the axis begins: at the earliest event, unless a few events lie so far back (a treaty of 1994 in a story
     * of 2022) that drawing them would squeeze all the others into a sliver; then at the tenth percentile, and the
     * earlier ones are drawn from the axis's edge, marked as earlier.
     */
    private static Instant axisStart(List<NarrativeTimelineEntry> dated, Instant last) {
        List<Instant> starts = dated.stream()
                .map(NarrativeTimelineEntry::occurredStart)
                .sorted()
                .toList();
        Instant first = starts.get(0);
        Instant tenth = starts.get(starts.size() / 10);
        Duration outliers = Duration.between(first, tenth);
        Duration rest = Duration.between(tenth, last);
        return outliers.compareTo(rest.multipliedBy(2)) > 0 ? tenth : first;
    }

    /** The end of what the accounts claim: exclusive, as the read model gives it; a bare start covers its day. */
    private static Instant end(NarrativeTimelineEntry entry) {
        Instant end = entry.occurredEnd();
        return end == null || !end.isAfter(entry.occurredStart())
                ? entry.occurredStart().plus(DAY)
                : end;
    }

    /** Years when the axis spans more than two of them, months otherwise; never more than about a dozen labels. */
    private static List<Tick> ticks(Scale scale) {
        LocalDate from = scale.from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate to = scale.to.atOffset(ZoneOffset.UTC).toLocalDate();
        List<Tick> ticks = new ArrayList<>();
        if (from.until(to).toTotalMonths() > 24) {
            for (int year = from.getYear() + 1; year <= to.getYear(); year++) {
                ticks.add(new Tick(round(scale.x(LocalDate.of(year, 1, 1))), Integer.toString(year)));
            }
            return thin(ticks);
        }
        for (YearMonth month = YearMonth.from(from).plusMonths(1);
                !month.isAfter(YearMonth.from(to));
                month = month.plusMonths(1)) {
            ticks.add(new Tick(round(scale.x(month.atDay(1))), Dates.month(month)));
        }
        return thin(ticks);
    }

    private static List<Tick> thin(List<Tick> ticks) {
        int every = Math.max(1, (ticks.size() + 11) / 12);
        List<Tick> kept = new ArrayList<>();
        for (int i = 0; i < ticks.size(); i += every) {
            kept.add(ticks.get(i));
        }
        return List.copyOf(kept);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private record Scale(Instant from, Instant to) {
        double x(Instant at) {
            double span = Duration.between(from, to).toSeconds();
            return WIDTH * Duration.between(from, at).toSeconds() / span;
        }

        double x(LocalDate day) {
            return x(day.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }
}
