package org.parley.history.contract.value;

import java.util.Optional;

/**
 * When a diplomatic event occurred, as one account claims it: a single moment, or a range from {@code from} to
 * {@code to} (both inclusive at their own precision). {@code approximate} marks a claim the source itself hedges
 * ("around", "in early spring").
 */
public record OccurredTime(Moment from, Moment to, boolean approximate) {

    public static OccurredTime at(String value) {
        return new OccurredTime(Moment.of(value), null, false);
    }

    public static OccurredTime between(String from, String to) {
        return new OccurredTime(Moment.of(from), Moment.of(to), false);
    }

    /** The last moment the claim covers: {@code to} when given, else {@code from}. */
    public Moment last() {
        return to == null ? from : to;
    }

    /** Why the range is reversed (its end lies wholly before its start), or empty when it is not. */
    public Optional<String> reversal() {
        if (from == null
                || to == null
                || !from.hasTime()
                || !to.hasTime()
                || from.defect().isPresent()
                || to.defect().isPresent()) {
            return Optional.empty();
        }
        if (!to.endExclusive().isAfter(from.start())) {
            return Optional.of("ends (" + to.value() + ") before it starts (" + from.value() + ")");
        }
        return Optional.empty();
    }
}
