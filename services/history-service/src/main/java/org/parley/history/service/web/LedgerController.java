package org.parley.history.service.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.parley.history.service.audit.LedgerEntries;
import org.parley.history.service.audit.LedgerEntries.LedgerEntry;
import org.parley.history.service.commands.InvalidCommand;
import org.parley.history.service.commands.InvalidCommand.FieldViolation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "ledger: audit", description = "The ledger exactly as stored")
class LedgerController {

    static final int MAX_LIMIT = 1000;

    private final LedgerEntries entries;

    LedgerController(LedgerEntries entries) {
        this.entries = entries;
    }

    record LedgerPage(List<LedgerEntry> entries, Long next) {}

    @GetMapping("/api/ledger")
    @Operation(summary = "Stored ledger events in global order, with their metadata (page with 'after')")
    LedgerPage ledger(
            @Parameter(description = "Return events after this global sequence") @RequestParam(defaultValue = "0")
                    long after,
            @Parameter(description = "Only this source, event or narrative") @RequestParam(required = false)
                    String aggregateId,
            @Parameter(description = "At most this many (1 to 1000)") @RequestParam(defaultValue = "100") int limit) {
        requirePage(after, limit);
        if (aggregateId != null) {
            RequestMetadata.requireId(aggregateId, "aggregateId");
        }
        return page(entries.after(after, aggregateId, limit), limit);
    }

    @GetMapping("/api/audit")
    @Operation(summary = "What one principal recorded, and when (page with 'after')")
    LedgerPage audit(
            @Parameter(description = "The principal, as the ledger's recordedBy names it") @RequestParam
                    String recordedBy,
            @Parameter(description = "Return events after this global sequence") @RequestParam(defaultValue = "0")
                    long after,
            @Parameter(description = "At most this many (1 to 1000)") @RequestParam(defaultValue = "100") int limit) {
        requirePage(after, limit);
        if (recordedBy.length() > 255 || recordedBy.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidCommand(List.of(new FieldViolation(
                    "recordedBy", "must be a principal name: at most 255 characters, no control" + " characters")));
        }
        return page(entries.recordedBy(recordedBy, after, limit), limit);
    }

    private static void requirePage(long after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidCommand(List.of(new FieldViolation("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        if (after < 0) {
            throw new InvalidCommand(List.of(new FieldViolation("after", "must be 0 or more")));
        }
    }

    private static LedgerPage page(List<LedgerEntry> page, int limit) {
        Long next = page.size() == limit ? page.get(page.size() - 1).globalSequence() : null;
        return new LedgerPage(page, next);
    }
}
