package org.parley.history.service.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.parley.history.service.readmodel.ReadModelRebuild;
import org.parley.history.service.readmodel.ReadModelStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
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
            summary = "Drop the read model and replay the whole ledger into it",
            description = "Answers 202 with the progress; read questions answer 503 until the rebuild is done."
                    + " Follow it at GET /api/rebuilds/current or in the log.")
    ResponseEntity<ReadModelStatus> start(Principal principal) {
        ReadModelStatus status = rebuild.start("asked for by " + principal.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/rebuilds/current")
                .body(status);
    }

    @GetMapping("/api/rebuilds/current")
    @Operation(summary = "Where the read model stands: events done, total, rate, estimated time left")
    ReadModelStatus current() {
        return rebuild.status();
    }
}
