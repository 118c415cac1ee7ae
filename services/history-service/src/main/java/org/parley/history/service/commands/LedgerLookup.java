package org.parley.history.service.commands;

import java.util.Optional;
import org.parley.history.contract.value.Publication;

/**
 * What an aggregate may ask about the rest of the ledger before it accepts a command, without loading other
 * aggregates.
 */
public interface LedgerLookup {

    boolean exists(EntityKind kind, String id);

    /** The aggregate (source, event or narrative) that owns the entity, when the ledger holds it. */
    Optional<String> ownerOf(EntityKind kind, String id);

    /** Which kind of aggregate the id names, if any: sources, events and narratives share one id space. */
    Optional<EntityKind> aggregateKindOf(String id);

    /** When the source was published, as registered. */
    Optional<Publication> publicationOf(String sourceId);
}
