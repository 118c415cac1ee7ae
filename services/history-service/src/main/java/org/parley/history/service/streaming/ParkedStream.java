package org.parley.history.service.streaming;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

/** What an operator can do about parked events: see them, and publish them again. */
@Service
public class ParkedStream {

    /** What became of one parked event on a retry. */
    public enum Outcome {
        PUBLISHED,
        REFUSED_AGAIN,
        KAFKA_UNAVAILABLE
    }

    public record RetryResult(String eventId, long globalSequence, Outcome outcome, String error) {}

    private final ParkedPublications parked;
    private final LedgerRecords records;
    private final LedgerSender sender;
    private final EventStore eventStore;

    ParkedStream(ParkedPublications parked, LedgerRecords records, LedgerSender sender, EventStore eventStore) {
        this.parked = parked;
        this.records = records;
        this.sender = sender;
        this.eventStore = eventStore;
    }

    /** Parked events not yet published, oldest first; with {@code includePublished}, those retried with success too. */
    public List<ParkedPublication> list(boolean includePublished) {
        return parked.all(includePublished);
    }

    /**
     * Publishes every parked event again (or only {@code eventId}), from the ledger, with the record it would have
     * had. It arrives after later events of its aggregate; its {@code ce_sequence} says where it belongs.
     */
    public List<RetryResult> retry(String eventId) {
        List<RetryResult> results = new ArrayList<>();
        for (ParkedPublication publication : parked.all(false)) {
            if (eventId != null && !eventId.equals(publication.eventId())) {
                continue;
            }
            DomainEventMessage<?> event = eventStore
                    .readEvents(publication.aggregateId(), publication.aggregateVersion())
                    .asStream()
                    .filter(message -> message.getIdentifier().equals(publication.eventId()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "parked event " + publication.eventId() + " is not on the ledger"));
            try {
                sender.send(records.of(event, publication.globalSequence()));
                parked.published(publication.eventId());
                results.add(
                        new RetryResult(publication.eventId(), publication.globalSequence(), Outcome.PUBLISHED, null));
            } catch (LedgerSender.RecordRefused e) {
                parked.failedAgain(publication.eventId(), String.valueOf(e.getMessage()));
                results.add(new RetryResult(
                        publication.eventId(), publication.globalSequence(), Outcome.REFUSED_AGAIN, e.getMessage()));
            } catch (LedgerSender.StreamUnavailable e) {
                results.add(new RetryResult(
                        publication.eventId(),
                        publication.globalSequence(),
                        Outcome.KAFKA_UNAVAILABLE,
                        e.getMessage()));
                break;
            }
        }
        return results;
    }
}
