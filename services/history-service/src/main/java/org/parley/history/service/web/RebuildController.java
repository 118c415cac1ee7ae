package org.parley.history.service.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.parley.history.service.readmodel.InvalidQuery;
import org.parley.history.service.readmodel.ReadModelRebuild;
import org.parley.history.service.readmodel.ReadModelStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "operations: read model", description = "Rebuilding the read model from the ledger, and its progress")
class RebuildController {

    private final ReadModelRebuild rebuild;

    RebuildController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping("/api/rebuilds")
    @Operation(
            summary = "Build a new version of the read model from the whole ledger, beside the answering one",
            description = "Answers 202 with the progress. Questions go on being answered throughout, by the version"
                    + " that answered before the rebuild (as it stood when the rebuild started; what is recorded"
                    + " meanwhile shows once the new version takes over). When the new version has caught up with"
                    + " the ledger it takes over in one transaction and the old one is dropped; every answer names"
                    + " the version that gave it in the header Parley-Read-Model-Version. Follow the rebuild at"
                    + " GET /api/rebuilds/current, in the log or in the metrics parley.read_model.rebuild.*. 409"
                    + " while a rebuild runs.")
    ResponseEntity<ReadModelStatus> start(
            Principal principal,
            @Parameter(
                            description = "Holds the rebuild to at most this many ledger events a second, to leave"
                                    + " the database room for questions and writes; as fast as it goes when absent. A"
                                    + " batch waits at most 4 s for it, within the processor's claim, so a cap below"
                                    + " the batch size (PARLEY_READ_MODEL_BATCH_SIZE) / 4 s is not held")
                    @RequestParam(required = false)
                    String maxEventsPerSecond) {
        ReadModelStatus status =
                rebuild.start("asked for by " + principal.getName(), rate("maxEventsPerSecond", maxEventsPerSecond));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/rebuilds/current")
                .body(status);
    }

    private static Integer rate(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            int rate = Integer.parseInt(text.strip());
            if (rate > 0) {
                return rate;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, as a number out of range is
        }
        throw new InvalidQuery(field, "must be a whole number of events a second, at least 1");
    }

    @GetMapping("/api/rebuilds/current")
    @Operation(
            summary = "Where the read model stands: events done, total, rate, estimated time left",
            description = "version is the version that answers questions; buildingVersion the one a rebuild is"
                    + " building, absent when none is.")
    ReadModelStatus current() {
        return rebuild.status();
    }
}
