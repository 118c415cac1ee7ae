package org.parley.history.service.commands;

import java.util.List;

/** The checks every aggregate makes against the rest of the ledger before it accepts a command. */
public final class References {

    private References() {}

    /** A new source, event or narrative may not take an id that already names an aggregate of another kind. */
    public static void requireFreeAggregateId(LedgerLookup lookup, EntityKind kind, String id, String field) {
        lookup.aggregateKindOf(id).filter(existing -> existing != kind).ifPresent(existing -> {
            throw CommandRefused.idConflict(field, "'" + id + "' already names a " + existing.description());
        });
    }

    public static void requireKnown(LedgerLookup lookup, EntityKind kind, String id, String field) {
        if (id != null && !lookup.exists(kind, id)) {
            throw CommandRefused.unknownReference(field, "no " + kind.description() + " '" + id + "' is on the ledger");
        }
    }

    public static void requireAllKnown(LedgerLookup lookup, EntityKind kind, List<String> ids, String field) {
        for (int i = 0; i < ids.size(); i++) {
            requireKnown(lookup, kind, ids.get(i), field + "[" + i + "]");
        }
    }

    /** An entity id (account, link) is unique across the ledger, not only inside its aggregate. */
    public static void requireUnusedElsewhere(
            LedgerLookup lookup, EntityKind kind, String id, String aggregateId, String field) {
        lookup.ownerOf(kind, id).filter(owner -> !owner.equals(aggregateId)).ifPresent(owner -> {
            throw CommandRefused.idConflict(
                    field, kind.description() + " '" + id + "' already belongs to '" + owner + "'");
        });
    }

    public static void requireExpectedVersion(Long expected, long current) {
        if (expected != null && expected != current) {
            throw CommandRefused.versionConflict(expected, current);
        }
    }
}
