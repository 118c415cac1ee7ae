package org.parley.history.service.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.parley.history.service.streaming.ParkedPublication;
import org.parley.history.service.streaming.ParkedStream;
import org.parley.history.service.streaming.ParkedStream.RetryResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator's view of the ledger stream: events Kafka refused as records, and publishing them again. */
@RestController
@Tag(name = "stream: operations", description = "Ledger events parked by the Kafka publisher (operators only)")
class StreamController {

    private final ParkedStream parked;

    StreamController(ParkedStream parked) {
        this.parked = parked;
    }

    record ParkedList(List<ParkedPublication> parked) {}

    record RetryResults(List<RetryResult> results) {}

    @GetMapping("/api/stream/parked")
    @Operation(summary = "Parked ledger events, oldest first")
    ParkedList list(
            @Parameter(description = "Also those a retry has published since") @RequestParam(defaultValue = "false")
                    boolean includePublished) {
        return new ParkedList(parked.list(includePublished));
    }

    @PostMapping("/api/stream/parked")
    @Operation(summary = "Publish parked ledger events again: all of them, or the one named by eventId")
    RetryResults retry(
            @Parameter(description = "Only this ledger event (its ce_id)") @RequestParam(required = false)
                    String eventId) {
        if (eventId != null) {
            RequestMetadata.requireId(eventId, "eventId");
        }
        return new RetryResults(parked.retry(eventId));
    }
}
