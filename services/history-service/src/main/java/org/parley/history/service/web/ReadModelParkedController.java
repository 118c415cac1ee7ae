package org.parley.history.service.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.parley.history.service.readmodel.ParkedReadModelEvent;
import org.parley.history.service.readmodel.ReadModelParking;
import org.parley.history.service.readmodel.ReadModelParking.RetryResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of ledger events the read model could not apply, and applying them again after a fix. */
@RestController
@Tag(
        name = "operations: read model",
        description = "Rebuilding the read model from the ledger, its progress, and the events it parked")
class ReadModelParkedController {

    private final ReadModelParking parking;

    ReadModelParkedController(ReadModelParking parking) {
        this.parking = parking;
    }

    record ParkedList(List<ParkedReadModelEvent> parked) {}

    record RetryResults(List<RetryResult> results) {}

    @GetMapping("/api/read-model/parked")
    @Operation(
            summary = "Ledger events the read model could not apply, oldest first, each with its error",
            description = "While any is listed, read answers carry readModel.degraded and the parked positions, and"
                    + " the health component readModel is DEGRADED.")
    ParkedList list(
            @Parameter(description = "Also those a retry has applied since") @RequestParam(defaultValue = "false")
                    boolean includeApplied) {
        return new ParkedList(parking.list(includeApplied));
    }

    @PostMapping("/api/read-model/parked/{globalSequence}/retry")
    @Operation(
            summary = "Apply one parked ledger event again, after a release fixed its cause",
            description = "APPLIED: the read model holds it and it is no longer parked. FAILED_AGAIN: it stays parked"
                    + " with the new error. 404 when nothing is parked at that position; 503 during a rebuild.")
    RetryResult retry(
            @Parameter(description = "The event's place in the ledger (globalSequence in the list)") @PathVariable
                    long globalSequence) {
        return parking.retry(globalSequence);
    }

    @PostMapping("/api/read-model/parked/retry")
    @Operation(
            summary = "Apply every parked ledger event again, in ledger order",
            description = "In ledger order, so that an event parked because it rests on an earlier parked one is"
                    + " tried after it.")
    RetryResults retryAll() {
        return new RetryResults(parking.retryAll());
    }
}
