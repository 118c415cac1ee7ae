package org.parley.history.service.commands;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.Publication;

/**
 * What the rest of the ledger holds, as an aggregate test declares it: ids of each kind with the aggregate that
 * owns them. {@link #learn} mirrors {@link KnownEntityProjection}, so that a test can say "the ledger holds these
 * events" instead of listing ids.
 */
public final class InMemoryLedgerLookup implements LedgerLookup {

    private static final Set<EntityKind> AGGREGATES = Set.of(EntityKind.SOURCE, EntityKind.EVENT, EntityKind.NARRATIVE);

    private final Map<EntityKind, Map<String, String>> owners = new EnumMap<>(EntityKind.class);
    private final Map<String, Publication> publications = new HashMap<>();

    public InMemoryLedgerLookup knowsSources(String... sourceIds) {
        for (String id : sourceIds) {
            remember(EntityKind.SOURCE, id, id);
        }
        return this;
    }

    /** A source, and when it was published. */
    public InMemoryLedgerLookup knowsSource(String sourceId, Publication publication) {
        knowsSources(sourceId);
        publications.put(sourceId, publication);
        return this;
    }

    public InMemoryLedgerLookup knowsEvents(String... eventIds) {
        for (String id : eventIds) {
            remember(EntityKind.EVENT, id, id);
        }
        return this;
    }

    public InMemoryLedgerLookup knowsNarratives(String... narrativeIds) {
        for (String id : narrativeIds) {
            remember(EntityKind.NARRATIVE, id, id);
        }
        return this;
    }

    /** An account, and the diplomatic event it belongs to (which the ledger then holds too). */
    public InMemoryLedgerLookup knowsAccount(String accountId, String eventId) {
        knowsEvents(eventId);
        remember(EntityKind.ACCOUNT, accountId, eventId);
        return this;
    }

    /** A link, and the diplomatic event it starts from (which the ledger then holds too). */
    public InMemoryLedgerLookup knowsLink(String linkId, String eventId) {
        knowsEvents(eventId);
        remember(EntityKind.LINK, linkId, eventId);
        return this;
    }

    /** Remembers the ids the given ledger events introduce, as the real lookup projection does. */
    public InMemoryLedgerLookup learn(Object... ledgerEvents) {
        for (Object event : ledgerEvents) {
            if (event instanceof SourceRegistered registered) {
                knowsSource(registered.sourceId(), registered.publication());
            } else if (event instanceof DiplomaticEventReported reported) {
                knowsEvents(reported.eventId());
            } else if (event instanceof AccountRecorded recorded) {
                knowsAccount(recorded.accountId(), recorded.eventId());
            } else if (event instanceof EventsLinked linked) {
                knowsLink(linked.linkId(), linked.eventId());
            } else if (event instanceof NarrativeDefined defined) {
                knowsNarratives(defined.narrativeId());
            }
        }
        return this;
    }

    @Override
    public boolean exists(EntityKind kind, String id) {
        return ownerOf(kind, id).isPresent();
    }

    @Override
    public Optional<String> ownerOf(EntityKind kind, String id) {
        return Optional.ofNullable(owners.getOrDefault(kind, Map.of()).get(id));
    }

    @Override
    public Optional<Publication> publicationOf(String sourceId) {
        return Optional.ofNullable(publications.get(sourceId));
    }

    @Override
    public Optional<EntityKind> aggregateKindOf(String id) {
        return AGGREGATES.stream().filter(kind -> exists(kind, id)).findFirst();
    }

    private void remember(EntityKind kind, String id, String owner) {
        owners.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(id, owner);
    }
}
