package org.parley.history.service.ledger;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The answer to an accepted command: the aggregate it was addressed to, the id of the thing it recorded, and the
 * aggregate's version once that thing was on the ledger. A retried command gets the same receipt, marked
 * {@code replayed}.
 */
public record WriteReceipt(String targetId, String entityId, long version, @JsonIgnore boolean replayed) {

    public static WriteReceipt recorded(String targetId, String entityId, long version) {
        return new WriteReceipt(targetId, entityId, version, false);
    }

    public static WriteReceipt replayed(String targetId, String entityId, long version) {
        return new WriteReceipt(targetId, entityId, version, true);
    }
}
