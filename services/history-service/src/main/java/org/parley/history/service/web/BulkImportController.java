package org.parley.history.service.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.parley.history.service.commands.CommandImport;
import org.parley.history.service.commands.WriteReceipt;
import org.parley.history.service.ledger.LedgerMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Many commands in one request: NDJSON, one command a line, each line {@code {"type": "RecordAccount", ...the
 * command's fields}} with an optional {@code commandId}. Lines run in order, each on its own: a refused line writes
 * nothing and does not stop the others, and every line is reported. Sending the same file again writes nothing.
 * Each line obeys the size limit of a single command; the whole body has its own, larger one.
 */
@RestController
@Tag(name = "ledger: bulk import")
class BulkImportController {

    static final String PATH = "/api/import";
    static final String NDJSON = "application/x-ndjson";
    private static final String EXAMPLE_LINE = "{\"type\":\"RegisterSource\",\"sourceId\":\"s1\",\"title\":\"A title\","
            + "\"kind\":\"ARTICLE\",\"publication\":{\"time\":{\"value\":\"2024-04-16\"}}}";

    private static final Logger log = LoggerFactory.getLogger(BulkImportController.class);

    private final CommandImport imports;
    private final StrictJson json;

    private final long lineLimit;

    BulkImportController(CommandImport imports, StrictJson json, @Value("${parley.limits.body}") DataSize lineLimit) {
        this.imports = imports;
        this.json = json;
        this.lineLimit = lineLimit.toBytes();
    }

    /** How one line fared. */
    enum LineStatus {
        ACCEPTED,
        REPLAYED,
        REJECTED
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LineResult(int line, LineStatus status, String type, WriteReceipt receipt, ProblemDetail problem) {}

    record ImportReport(
            String correlationId, int lines, int accepted, int replayed, int rejected, List<LineResult> results) {}

    @PostMapping(path = PATH, consumes = NDJSON, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Import many commands at once (NDJSON, one command a line)",
            requestBody =
                    @RequestBody(content = @Content(mediaType = NDJSON, schema = @Schema(example = EXAMPLE_LINE))))
    ImportReport importCommands(HttpServletRequest request) throws IOException {
        Map<String, String> requestMetadata = RequestMetadata.of(request);
        String correlationId = requestMetadata.get(LedgerMetadata.CORRELATION_ID);
        List<LineResult> results = new ArrayList<>();
        try (InputStream body = new BufferedInputStream(request.getInputStream())) {
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
                        results.add(importLine(number, text, correlationId, requestMetadata));
                    }
                }
            }
        }
        return new ImportReport(
                correlationId,
                results.size(),
                count(results, LineStatus.ACCEPTED),
                count(results, LineStatus.REPLAYED),
                count(results, LineStatus.REJECTED),
                results);
    }

    private LineResult importLine(int number, byte[] text, String correlationId, Map<String, String> requestMetadata) {
        String type = null;
        if (text.length > lineLimit) {
            return new LineResult(
                    number, LineStatus.REJECTED, null, null, new BodyTooLargeException(lineLimit).problem());
        }
        try {
            ObjectNode line = json.readObject(text);
            type = CommandImport.typeOf(line);
            WriteReceipt receipt = imports.dispatch(line, json.mapper(), correlationId + ":" + number, requestMetadata)
                    .receipt();
            return new LineResult(
                    number, receipt.replayed() ? LineStatus.REPLAYED : LineStatus.ACCEPTED, type, receipt, null);
        } catch (RuntimeException | IOException failure) {
            ProblemDetail problem = Problems.of(failure);
            if (problem == null) {
                log.error("Import line {} failed", number, failure);
                problem = Problems.internal();
            }
            return new LineResult(number, LineStatus.REJECTED, type, null, problem);
        }
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

    private static int count(List<LineResult> results, LineStatus status) {
        return (int)
                results.stream().filter(result -> result.status() == status).count();
    }
}
