package org.parley.history.service.commands;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.parley.history.contract.value.Anomaly;

/**
 * The answer to an accepted command: the aggregate it was addressed to, the id of the thing it recorded, the
 * aggregate's version once that thing was on the ledger, and the anomalies Parley noticed in it (kept, not
 * mended). A retried command gets the same receipt, marked {@code replayed}.
 */
public record WriteReceipt(
        String targetId,
        String entityId,
        long version,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Anomaly> anomalies,
        @JsonIgnore boolean replayed) {

    public WriteReceipt {
        anomalies = anomalies == null ? List.of() : List.copyOf(anomalies);
    }

    public static WriteReceipt recorded(String targetId, String entityId, long version) {
        return new WriteReceipt(targetId, entityId, version, List.of(), false);
    }

    public static WriteReceipt replayed(String targetId, String entityId, long version) {
        return new WriteReceipt(targetId, entityId, version, List.of(), true);
    }

    public WriteReceipt withAnomalies(List<Anomaly> found) {
        return new WriteReceipt(targetId, entityId, version, found, replayed);
    }
}
