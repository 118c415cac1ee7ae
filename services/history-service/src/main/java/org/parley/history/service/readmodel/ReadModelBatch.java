package org.parley.history.service.readmodel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One batch of ledger events as the read model's projections apply it, in one transaction: the writes they queue,
 * each event's place in the ledger, how far the batch reaches, and what each feature keeps for the batch's end. A
 * batch is newsworthy when the read model is following the ledger; a rebuild replays changes that were news once,
 * when first read, and logs none of them again.
 */
public final class ReadModelBatch {

    /** Something a feature does when the batch's writes have gone out and before its position is stored. */
    public interface Ending {
        void end(ReadModelBatch batch);
    }

    private final PendingWrites writes;
    private final boolean newsworthy;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<Class<?>, Object> attachments = new HashMap<>();
    private final List<Ending> endings = new ArrayList<>();
    long position;
    long lastIndex = -1;
    Instant startedAt;
    Integer maxEventsPerSecond;
    long pacedMillis;

    ReadModelBatch(PendingWrites writes, boolean newsworthy) {
        this.writes = writes;
        this.newsworthy = newsworthy;
    }

    public PendingWrites writes() {
        return writes;
    }

    public boolean newsworthy() {
        return newsworthy;
    }

    /** The ledger event's own global sequence, by its event identifier. */
    public long sequence(String eventIdentifier) {
        return sequences.get(eventIdentifier);
    }

    boolean knows(String eventIdentifier) {
        return sequences.containsKey(eventIdentifier);
    }

    void file(String eventIdentifier, long sequence) {
        sequences.put(eventIdentifier, sequence);
    }

    /** What a feature keeps for this batch, made the first time it asks; it may end the batch with it. */
    public <T extends Ending> T attachment(Class<T> type, Supplier<T> made) {
        Object present = attachments.get(type);
        if (present == null) {
            T fresh = made.get();
            attachments.put(type, fresh);
            endings.add(fresh);
            return fresh;
        }
        return type.cast(present);
    }

    void settle() {
        writes.flush();
        for (Ending ending : endings) {
            ending.end(this);
        }
        writes.flush();
        attachments.clear();
        endings.clear();
    }

    void discard() {
        writes.discard();
        attachments.clear();
        endings.clear();
    }

    void end() {
        writes.flush();
        for (Ending ending : endings) {
            ending.end(this);
        }
        writes.flush();
    }
}
