package org.parley.history.service.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.parley.history.service.commands.CommandBatch;
import org.parley.history.service.commands.CommandImport;
import org.parley.history.service.commands.WriteReceipt;
import org.parley.history.service.ledger.LedgerMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many commands in one request: NDJSON, one command a line, each line {@code {"type": "RecordAccount", ...the
 * command's fields}} with an optional {@code commandId}. Lines run in order, each on its own: a refused line writes
 * nothing and does not stop the others, and every line is reported. Sending the same file again writes nothing.
 * Each line obeys the size limit of a single command.
 *
 * <p>Lines are dispatched in batches of {@code parley.import.batch-lines}, one database transaction each (a
 * savepoint per line), so that a commit is paid per batch rather than per line. A line's report is given only once
 * its batch has committed.
 *
 * <p>Two ways to answer: by default one JSON report at the end, for a body within {@code parley.limits.import-body};
 * with {@code Accept: application/x-ndjson} the report streams back, one line per imported line as each batch
 * commits and a summary last, and the body may be of any size, since neither it nor the report is held in memory.
 * A streamed line that reached the client is on the ledger; when the connection drops, sending the file again
 * replays what was written and writes the rest.
 */
@RestController
@Tag(name = "ledger: bulk import")
class BulkImportController {

    static final String PATH = "/api/import";
    static final String NDJSON = "application/x-ndjson";
    private static final MediaType NDJSON_TYPE = MediaType.parseMediaType(NDJSON);
    private static final String EXAMPLE_LINE = "{\"type\":\"RegisterSource\",\"sourceId\":\"s1\",\"title\":\"A title\","
            + "\"kind\":\"ARTICLE\",\"publication\":{\"time\":{\"value\":\"2024-04-16\"}}}";

    private static final Logger log = LoggerFactory.getLogger(BulkImportController.class);

    private final CommandImport imports;
    private final CommandBatch batches;
    private final StrictJson json;

    private final long lineLimit;
    private final int batchLines;

    BulkImportController(
            CommandImport imports,
            CommandBatch batches,
            StrictJson json,
            @Value("${parley.limits.body}") DataSize lineLimit,
            @Value("${parley.import.batch-lines}") int batchLines) {
        this.imports = imports;
        this.batches = batches;
        this.json = json;
        this.lineLimit = lineLimit.toBytes();
        this.batchLines = batchLines;
    }

    /** How one line fared. */
    enum LineStatus {
        ACCEPTED,
        REPLAYED,
        REJECTED
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineResult(int line, LineStatus status, String type, WriteReceipt receipt, ProblemDetail problem) {}

    /** The whole import's report; streamed, its last line is this without {@code results}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImportReport(
            String correlationId, int lines, int accepted, int replayed, int rejected, List<LineResult> results) {}

    @PostMapping(
            path = PATH,
            consumes = NDJSON,
            produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    @Operation(
            summary = "Import many commands at once (NDJSON, one command a line)",
            description = "Answers one JSON report when the body is done, for a body of at most"
                    + " parley.limits.import-body (64 MB). With `Accept: application/x-ndjson` the report streams:"
                    + " one line per imported line (the same objects as `results`) as soon as its batch is"
                    + " committed, then the report without `results`; such a body may be of any size. A line"
                    + " reported is on the ledger; sending the same file again is harmless.",
            requestBody =
                    @RequestBody(content = @Content(mediaType = NDJSON, schema = @Schema(example = EXAMPLE_LINE))))
    ImportReport importCommands(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> requestMetadata = RequestMetadata.of(request);
        String correlationId = requestMetadata.get(LedgerMetadata.CORRELATION_ID);
        Tally tally = new Tally();
        if (streamsReport(request)) {
            response.setContentType(NDJSON);
            OutputStream out = response.getOutputStream();
            ObjectWriter writer = json.mapper().writer();
            importLines(request, correlationId, requestMetadata, reported -> {
                for (LineResult result : reported) {
                    tally.count(result);
                    out.write(writer.writeValueAsBytes(result));
                    out.write('\n');
                }
                out.flush();
            });
            out.write(writer.writeValueAsBytes(tally.report(correlationId, null)));
            out.write('\n');
            out.flush();
            return null;
        }
        List<LineResult> results = new ArrayList<>();
        importLines(request, correlationId, requestMetadata, reported -> {
            reported.forEach(tally::count);
            results.addAll(reported);
        });
        return tally.report(correlationId, results);
    }

    /** Asked for explicitly: a client that accepts anything gets the single JSON report, as it always has. */
    static boolean streamsReport(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.getQualityValue() > 0 && NDJSON_TYPE.equalsTypeAndSubtype(type));
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    private interface Reporter {
        void report(List<LineResult> results) throws IOException;
    }

    private static final class Tally {
        private int lines;
        private int accepted;
        private int replayed;
        private int rejected;

        void count(LineResult result) {
            lines++;
            switch (result.status()) {
                case ACCEPTED -> accepted++;
                case REPLAYED -> replayed++;
                case REJECTED -> rejected++;
            }
        }

        ImportReport report(String correlationId, List<LineResult> results) {
            return new ImportReport(correlationId, lines, accepted, replayed, rejected, results);
        }
    }

    /** A line read and parsed, waiting for its batch; or already refused, waiting for its turn in the report. */
    private record Pending(int number, String type, ObjectNode command, LineResult refused) {}

    private void importLines(
            HttpServletRequest request, String correlationId, Map<String, String> requestMetadata, Reporter reporter)
            throws IOException {
        List<Pending> batch = new ArrayList<>();
        try (InputStream body = new BufferedInputStream(request.getInputStream(), 64 * 1024)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int number = 0;
            boolean more = true;
            while (more) {
                int b = body.read();
                if (b >= 0 && b != '\n') {
                    if (line.size() <= lineLimit) {
                        line.write(b);
                    }
                    continue;
                }
                more = b >= 0;
                if (more || line.size() > 0) {
                    number++;
                    byte[] text = withoutCarriageReturn(line.toByteArray());
                    line.reset();
                    if (!isBlank(text)) {
                        batch.add(read(number, text));
                        if (batch.size() == batchLines) {
                            reporter.report(run(batch, correlationId, requestMetadata));
                            batch.clear();
                        }
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            reporter.report(run(batch, correlationId, requestMetadata));
        }
    }

    private Pending read(int number, byte[] text) {
        if (text.length > lineLimit) {
            return new Pending(
                    number,
                    null,
                    null,
                    new LineResult(
                            number, LineStatus.REJECTED, null, null, new BodyTooLargeException(lineLimit).problem()));
        }
        String type = null;
        try {
            ObjectNode command = json.readObject(text);
            type = CommandImport.typeOf(command);
            return new Pending(number, type, command, null);
        } catch (RuntimeException | IOException failure) {
            return new Pending(number, type, null, rejected(number, type, failure));
        }
    }

    private List<LineResult> run(List<Pending> batch, String correlationId, Map<String, String> requestMetadata) {
        List<Pending> commands =
                batch.stream().filter(pending -> pending.refused() == null).toList();
        List<CommandBatch.Outcome<WriteReceipt>> outcomes;
        try {
            outcomes = batches.dispatchAll(commands.stream()
                    .<CommandBatch.Command<WriteReceipt>>map(pending -> () -> imports.dispatch(
                                    pending.command(),
                                    json.mapper(),
                                    correlationId + ":" + pending.number(),
                                    requestMetadata)
                            .receipt())
                    .toList());
        } catch (RuntimeException failure) {
            // the batch did not commit: none of its lines is on the ledger
            outcomes = commands.stream()
                    .map(pending -> new CommandBatch.Outcome<WriteReceipt>(null, failure))
                    .toList();
        }
        List<LineResult> results = new ArrayList<>(batch.size());
        int next = 0;
        for (Pending pending : batch) {
            if (pending.refused() != null) {
                results.add(pending.refused());
                continue;
            }
            CommandBatch.Outcome<WriteReceipt> outcome = outcomes.get(next++);
            WriteReceipt receipt = outcome.result();
            results.add(
                    receipt == null
                            ? rejected(pending.number(), pending.type(), outcome.refusal())
                            : new LineResult(
                                    pending.number(),
                                    receipt.replayed() ? LineStatus.REPLAYED : LineStatus.ACCEPTED,
                                    pending.type(),
                                    receipt,
                                    null));
        }
        return results;
    }

    private static LineResult rejected(int number, String type, Exception failure) {
        ProblemDetail problem = Problems.of(failure);
        if (problem == null) {
            log.error("Import line {} failed", number, failure);
            problem = Problems.internal();
        }
        return new LineResult(number, LineStatus.REJECTED, type, null, problem);
    }

    private static byte[] withoutCarriageReturn(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\r' ? Arrays.copyOf(line, line.length - 1) : line;
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
