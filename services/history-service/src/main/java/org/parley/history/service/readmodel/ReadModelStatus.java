package org.parley.history.service.readmodel;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the read model stands, as a person watching a rebuild wants it: how many ledger events are done out of how
 * many, at what rate, and how long is left; which version of the read model answers ({@code version}) and which is
 * being built ({@code buildingVersion}). Positions are the ledger's global sequence.
 */
public record ReadModelStatus(
        State state,
        String reason,
        long eventsDone,
        long eventsTotal,
        Double eventsPerSecond,
        Long estimatedSecondsLeft,
        Instant startedAt,
        Instant finishedAt,
        long ledgerPosition,
        long parked,
        Integer version,
        Integer buildingVersion) {

    public enum State {
        /**
         * A new version is being built from the ledger's start beside the answering one, which answers meanwhile
         * (as it stood when the rebuild started); only a first build, with no version yet, has nothing to answer.
         */
        REBUILDING,
        /** Following the ledger as it grows. */
        CURRENT
    }

    /**
     * With {@code parked}, the ledger events the read model could not apply (its answers say they may lack them),
     * and the version that answers and the one being built, if any.
     */
    static ReadModelStatus of(
            String state,
            String reason,
            long position,
            long target,
            Instant startedAt,
            Instant finishedAt,
            Instant now,
            long parked,
            Integer version,
            Integer buildingVersion) {
        State current = State.valueOf(state);
        long done = Math.min(position, target);
        Instant end = current == State.CURRENT && finishedAt != null ? finishedAt : now;
        double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        Double rate = done == 0 ? null : Math.round(done / seconds * 10) / 10.0;
        Long left =
                current == State.CURRENT ? Long.valueOf(0) : rate == null ? null : Math.round((target - done) / rate);
        return new ReadModelStatus(
                current,
                reason,
                done,
                target,
                rate,
                left,
                startedAt,
                finishedAt,
                position,
                parked,
                version,
                buildingVersion);
    }

    /** A version answers: every time but a first build. */
    boolean answers() {
        return version != null;
    }

    /** One line for people and logs. */
    public String describe() {
        String progress = eventsDone + " of " + eventsTotal + " ledger events";
        if (eventsPerSecond != null) {
            progress += " at " + eventsPerSecond + " events/s";
        }
        if (estimatedSecondsLeft != null && state == State.REBUILDING) {
            progress += ", about " + estimatedSecondsLeft + " s left";
        }
        if (parked > 0) {
            progress += ", " + parked + " parked";
        }
        return progress;
    }
}
