package org.parley.history.service.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.parley.history.contract.EventTypes;
import org.parley.history.contract.EventTypes.EventType;
import org.parley.history.service.narratives.read.NarrativeChangeFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the narrative changes the read model found ({@code narrative_change}, in the order found) to the narrative
 * topic as CloudEvents, keyed by narrative, a batch at a time: all its records in flight at once, every one
 * acknowledged before the stored position passes the batch (Kafka keeps each key's order). One instance
 * publishes at a time: it holds the position's row locked while it sends; the others skip their turn. Delivery is
 * at least once: a crash between the sends and the position's commit sends the same changes again, with the same
 * {@code ce_id}.
 */
@Component
class NarrativePublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NarrativePublisher.class);
    private static final EventType CHANGE = EventTypes.NARRATIVE_CHANGED;
    static final String TYPE = "org.parley.narrative." + CHANGE.name() + ".v" + CHANGE.revision();
    private static final int BATCH = 200;

    private record Change(
            long position,
            String changeId,
            String narrativeId,
            String kind,
            String eventId,
            long ledgerSequence,
            Instant recorded,
            Instant reported,
            String payload) {}

    private final JdbcTemplate jdbc;
    private final NarrativeChangeFeed feed;
    private final TransactionTemplate transaction;
    private final LedgerSender sender;
    private final LedgerTopicRefill topics;
    private final StreamSettings settings;
    private ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile long backOffUntil;
    private int failures;

    NarrativePublisher(
            JdbcTemplate jdbc,
            NarrativeChangeFeed feed,
            TransactionTemplate transaction,
            LedgerSender sender,
            LedgerTopicRefill topics,
            StreamSettings settings) {
        this.jdbc = jdbc;
        this.feed = feed;
        this.transaction = transaction;
        this.sender = sender;
        this.topics = topics;
        this.settings = settings;
    }

    @Override
    public void start() {
        refillIfLost();
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "narrative-publisher");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.narrativesPoll().toMillis();
        executor.scheduleWithFixedDelay(this::publishSafely, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void publishSafely() {
        if (System.currentTimeMillis() < backOffUntil) {
            return;
        }
        try {
            while (running && publishBatch() == BATCH) {
                // a full batch: there may be more
            }
            failures = 0;
        } catch (RuntimeException e) {
            failures++;
            long wait = Math.min(60_000L, 500L << Math.min(failures, 7));
            backOffUntil = System.currentTimeMillis() + wait;
            log.warn("Narrative changes not published ({}); trying again in {} ms", e.toString(), wait);
        }
    }

    /** Publishes the next changes after the stored position; how many. */
    int publishBatch() {
        Integer sent = transaction.execute(status -> {
            List<Long> position = jdbc.queryForList(
                    "SELECT position FROM narrative_publication WHERE id = 1 FOR UPDATE SKIP LOCKED", Long.class);
            if (position.isEmpty()) {
                return 0; // another instance is publishing
            }
            List<Change> changes = jdbc.query(
                    "SELECT id, change_id, narrative_id, change_kind, event_id, ledger_sequence, recorded_at,"
                            + " reported_at, payload FROM narrative_change WHERE id > ? ORDER BY id LIMIT ?",
                    (row, n) -> new Change(
                            row.getLong(1),
                            row.getString(2),
                            row.getString(3),
                            row.getString(4),
                            row.getString(5),
                            row.getLong(6),
                            row.getObject(7, OffsetDateTime.class).toInstant(),
                            row.getObject(8, OffsetDateTime.class) == null
                                    ? null
                                    : row.getObject(8, OffsetDateTime.class).toInstant(),
                            row.getString(9)),
                    position.get(0),
                    BATCH);
            LedgerSender.InFlight<Change> inFlight = sender.inFlight();
            for (Change change : changes) {
                inFlight.send(record(change), change);
            }
            inFlight.await().forEach((change, refused) -> {
                log.error(
                        "Kafka refused narrative change {} ({}); it is parked in narrative_change and skipped",
                        change.changeId(),
                        refused.getMessage());
                feed.markRefused(change.position(), String.valueOf(refused.getMessage()));
            });
            if (!changes.isEmpty()) {
                jdbc.update(
                        "UPDATE narrative_publication SET position = ? WHERE id = 1",
                        changes.get(changes.size() - 1).position());
            }
            return changes.size();
        });
        return sent == null ? 0 : sent;
    }

    private ProducerRecord<String, byte[]> record(Change change) {
        RecordHeaders headers = new RecordHeaders();
        LedgerRecord.header(headers, "ce_specversion", LedgerRecord.SPEC_VERSION);
        LedgerRecord.header(headers, "ce_id", change.changeId());
        LedgerRecord.header(headers, "ce_source", settings.source().toString());
        LedgerRecord.header(headers, "ce_type", TYPE);
        LedgerRecord.header(headers, "ce_subject", change.narrativeId());
        LedgerRecord.header(
                headers, "ce_time", (change.reported() == null ? change.recorded() : change.reported()).toString());
        LedgerRecord.header(headers, "ce_recordedtime", change.recorded().toString());
        LedgerRecord.header(headers, "ce_sequence", Long.toString(change.position()));
        LedgerRecord.header(headers, "ce_partitionkey", change.narrativeId());
        LedgerRecord.header(
                headers,
                "ce_dataschema",
                "urn:parley:asyncapi:" + settings.narratives().name() + ":" + CHANGE.name() + ".v" + CHANGE.revision());
        LedgerRecord.header(headers, "ce_ledgersequence", Long.toString(change.ledgerSequence()));
        LedgerRecord.header(headers, "content-type", "application/json");
        return new ProducerRecord<>(
                settings.narratives().name(),
                null,
                change.recorded().toEpochMilli(),
                change.narrativeId(),
                change.payload().getBytes(StandardCharsets.UTF_8),
                headers);
    }

    /** A fresh broker holds no narrative changes: publish them all again. */
    private void refillIfLost() {
        if (!settings.refillLostTopic()) {
            return;
        }
        Long position = jdbc.queryForObject("SELECT position FROM narrative_publication WHERE id = 1", Long.class);
        if (position == null || position == 0) {
            return;
        }
        Optional<Long> written = topics.recordsEverWritten(settings.narratives().name());
        if (written.isPresent() && written.get() == 0) {
            jdbc.update("UPDATE narrative_publication SET position = 0 WHERE id = 1");
            log.warn(
                    "The narrative topic {} holds nothing, yet changes had been published: publishing them all again",
                    settings.narratives().name());
        }
    }
}
