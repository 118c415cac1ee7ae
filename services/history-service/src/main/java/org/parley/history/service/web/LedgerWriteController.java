package org.parley.history.service.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.parley.history.contract.command.CorrectAccount;
import org.parley.history.contract.command.CorrectFlag;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.FlagAccount;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.ParleyCommand;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.command.RetractAccount;
import org.parley.history.contract.command.RetractFlag;
import org.parley.history.contract.command.ReviseNarrative;
import org.parley.history.service.commands.CommandConstraints;
import org.parley.history.service.commands.CommandDispatcher;
import org.parley.history.service.commands.WriteReceipt;
import org.parley.history.service.ledger.LedgerMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One endpoint per command. The body is the command itself, exactly as in the contract module and in bulk-import
 * lines. Every id is the client's, so a retried request writes nothing more and gets the same receipt.
 */
@RestController
@RequestMapping(path = "/api", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "ledger: write",
        description =
                "Add facts to the ledger. Facts are never edited: corrections and" + " retractions are new facts.")
class LedgerWriteController {

    static final String REPLAYED_HEADER = "Parley-Replayed";

    /** The id headers follow the ids' own rule (RequestMetadata refuses anything else). */
    private static final String ID_SYNTAX = "^" + CommandConstraints.ID_PATTERN + "$";

    private final CommandDispatcher dispatcher;

    LedgerWriteController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping("/sources")
    @WriteOperation(summary = "Register a source, with the sources it republishes or rests on")
    ResponseEntity<WriteReceipt> registerSource(@RequestBody RegisterSource command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/events")
    @WriteOperation(summary = "Report a diplomatic event, citing the source that reports it")
    ResponseEntity<WriteReceipt> reportEvent(@RequestBody ReportDiplomaticEvent command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/accounts")
    @WriteOperation(summary = "Record one source's account of a diplomatic event")
    ResponseEntity<WriteReceipt> recordAccount(@RequestBody RecordAccount command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/corrections")
    @WriteOperation(summary = "Correct an account (a new fact pointing at it; the account is never edited)")
    ResponseEntity<WriteReceipt> correctAccount(@RequestBody CorrectAccount command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/retractions")
    @WriteOperation(summary = "Retract an account")
    ResponseEntity<WriteReceipt> retractAccount(@RequestBody RetractAccount command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/flags")
    @WriteOperation(
            summary = "Flag an account for an anomaly no rule can see, with a reason (and the outside knowledge it"
                    + " rests on) and a citation; the account stays as its source tells it")
    ResponseEntity<WriteReceipt> flagAccount(@RequestBody FlagAccount command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/flag-corrections")
    @WriteOperation(summary = "Correct an editorial flag: a new reason and citation (the flag is never edited)")
    ResponseEntity<WriteReceipt> correctFlag(@RequestBody CorrectFlag command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/flag-retractions")
    @WriteOperation(summary = "Withdraw an editorial flag, saying why")
    ResponseEntity<WriteReceipt> retractFlag(@RequestBody RetractFlag command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/links")
    @WriteOperation(summary = "Record a relation a source asserts between two diplomatic events")
    ResponseEntity<WriteReceipt> linkEvents(@RequestBody LinkEvents command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/narratives")
    @WriteOperation(summary = "Define a narrative: a named selection of sources, outlets, accounts and links")
    ResponseEntity<WriteReceipt> defineNarrative(@RequestBody DefineNarrative command, HttpServletRequest request) {
        return write(command, request);
    }

    @PostMapping("/narrative-revisions")
    @WriteOperation(summary = "Revise a narrative's title, description and selection")
    ResponseEntity<WriteReceipt> reviseNarrative(@RequestBody ReviseNarrative command, HttpServletRequest request) {
        return write(command, request);
    }

    private ResponseEntity<WriteReceipt> write(ParleyCommand command, HttpServletRequest request) {
        Map<String, String> metadata = RequestMetadata.of(request);
        WriteReceipt receipt = dispatcher.dispatch(command, metadata);
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(RequestMetadata.CORRELATION_HEADER, metadata.get(LedgerMetadata.CORRELATION_ID))
                .header(RequestMetadata.COMMAND_ID_HEADER, metadata.get(LedgerMetadata.COMMAND_ID))
                .header(REPLAYED_HEADER, Boolean.toString(receipt.replayed()))
                .body(receipt);
    }

    /** The OpenAPI description every write shares: its headers and its answers. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Operation(
            parameters = {
                @Parameter(
                        in = ParameterIn.HEADER,
                        name = RequestMetadata.CORRELATION_HEADER,
                        description = "Correlation id shared by everything this request causes; generated when absent",
                        schema = @Schema(type = "string", maxLength = CommandConstraints.ID_MAX, pattern = ID_SYNTAX)),
                @Parameter(
                        in = ParameterIn.HEADER,
                        name = RequestMetadata.COMMAND_ID_HEADER,
                        description = "The client's id for this command, kept in the ledger's metadata",
                        schema = @Schema(type = "string", maxLength = CommandConstraints.ID_MAX, pattern = ID_SYNTAX))
            },
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description =
                                "On the ledger (or already there: the same" + " receipt, with Parley-Replayed: true)"),
                @ApiResponse(
                        responseCode = "400",
                        description = "A field is missing, malformed, too long or of another JSON type; text holds a"
                                + " control character (other than tab and newline) or half a surrogate pair; the body"
                                + " is not UTF-8, not one JSON object, or gives a key twice. The problem names the"
                                + " field, and for text the position of the character",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = ProblemDetail.class))),
                @ApiResponse(
                        responseCode = "404",
                        description = "The event or narrative addressed is not on" + " the ledger",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = ProblemDetail.class))),
                @ApiResponse(
                        responseCode = "409",
                        description = "The id is taken by different content, or"
                                + " expectedVersion is no longer current (the problem gives currentVersion)",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = ProblemDetail.class))),
                @ApiResponse(
                        responseCode = "413",
                        description = "The body is over the size limit",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = ProblemDetail.class))),
                @ApiResponse(
                        responseCode = "415",
                        description = "The body is not application/json (multipart and forms included)",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = ProblemDetail.class))),
                @ApiResponse(
                        responseCode = "422",
                        description = "A cited source, event, account or link is"
                                + " not on the ledger, or a domain rule refuses the command",
                        content =
                                @Content(
                                        mediaType = "application/problem+json",
                                        schema = @Schema(implementation = ProblemDetail.class)))
            })
    @interface WriteOperation {
        @org.springframework.core.annotation.AliasFor(annotation = Operation.class, attribute = "summary")
        String summary();
    }
}
