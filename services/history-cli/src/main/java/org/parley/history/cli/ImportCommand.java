package org.parley.history.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A bulk import through {@code POST /api/import}, a chunk of lines per request so that progress can be shown. Every
 * line carries its own ids, so a line sent twice is answered REPLAYED and writes nothing: resuming from a checkpoint
 * (the last chunk acknowledged, kept per file content under ~/.local/state/parley/imports) or sending the whole file
 * again is harmless.
 */
@Command(
        name = "import",
        description = "Import an NDJSON file (one command a line, \"type\" naming it) with a progress bar; rejected"
                + " lines are listed with their problems. An interrupted import resumes where it stopped.")
final class ImportCommand extends ApiCommand {

    @Parameters(paramLabel = "FILE.ndjson", description = "The commands, one JSON object a line")
    Path file;

    @Option(
            names = "--chunk",
            paramLabel = "LINES",
            defaultValue = "500",
            description = "Lines per request (default: ${DEFAULT-VALUE})")
    int chunk;

    @Option(names = "--restart", description = "Ignore the checkpoint of an earlier, interrupted import of this file")
    boolean restart;

    @Override
    int run() throws IOException {
        if (chunk < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--chunk must be at least 1");
        }
        byte[] content = Files.readAllBytes(file);
        List<byte[]> lines = lines(content);
        Path checkpointFile = checkpointDirectory().resolve(sha256(content) + ".json");
        ObjectNode checkpoint = !restart && Files.isRegularFile(checkpointFile)
                ? (ObjectNode) Api.JSON.readTree(checkpointFile.toFile())
                : fresh();
        int start = checkpoint.path("linesDone").asInt();
        if (start > 0) {
            terminal.message("resuming " + file + " after line " + start + " of " + lines.size()
                    + " (an earlier import stopped there; --restart sends it all again)");
        }
        Progress progress = new Progress(terminal, "lines");
        long sentBefore = start;
        for (int from = start; from < lines.size(); from += chunk) {
            int to = Math.min(lines.size(), from + chunk);
            JsonNode report;
            try {
                report = api.post("/api/import", "application/x-ndjson", body(lines, from, to))
                        .json();
            } catch (ApiException | Unreachable stopped) {
                progress.finish();
                terminal.message(
                        "stopped at line " + from + " of " + lines.size() + "; the same command resumes from there");
                throw stopped;
            }
            if (json) {
                terminal.out.println(report.toString());
                terminal.out.flush();
            }
            add(checkpoint, report, from, to);
            save(checkpoint, checkpointFile);
            progress.show(to - sentBefore, lines.size() - sentBefore);
        }
        progress.finish();
        Files.deleteIfExists(checkpointFile);
        int rejected = checkpoint.path("rejected").asInt();
        if (!json) {
            summary(checkpoint, lines.size());
        }
        return rejected > 0 ? ExitCode.REFUSED : ExitCode.OK;
    }

    private void summary(ObjectNode checkpoint, int total) {
        terminal.out.println(String.format(
                "%s: %d lines, %d accepted, %d replayed, %d rejected",
                file,
                total,
                checkpoint.path("accepted").asInt(),
                checkpoint.path("replayed").asInt(),
                checkpoint.path("rejected").asInt()));
        if (checkpoint.path("rejectedLines").isEmpty()) {
            return;
        }
        Table table = new Table("LINE", "TYPE", "FIELD", "PROBLEM", "DETAIL").keep(0, 1, 2);
        checkpoint.path("rejectedLines").forEach(line -> table.row(
                        line.path("line").asInt(),
                        line.path("type").asText(""),
                        line.path("field").asText(""),
                        line.path("title").asText(),
                        line.path("detail").asText(""))
                .mark(0));
        table.print(terminal);
    }

    private static ObjectNode fresh() {
        ObjectNode checkpoint = Api.JSON.createObjectNode();
        checkpoint.put("linesDone", 0);
        checkpoint.put("accepted", 0);
        checkpoint.put("replayed", 0);
        checkpoint.put("rejected", 0);
        checkpoint.putArray("rejectedLines");
        return checkpoint;
    }

    /** Adds one chunk's report; its line numbers count from the chunk's first line, the file's from its own. */
    private static void add(ObjectNode checkpoint, JsonNode report, int from, int to) {
        checkpoint.put("linesDone", to);
        checkpoint.put(
                "accepted",
                checkpoint.path("accepted").asInt() + report.path("accepted").asInt());
        checkpoint.put(
                "replayed",
                checkpoint.path("replayed").asInt() + report.path("replayed").asInt());
        checkpoint.put(
                "rejected",
                checkpoint.path("rejected").asInt() + report.path("rejected").asInt());
        ArrayNode rejectedLines = (ArrayNode) checkpoint.path("rejectedLines");
        for (JsonNode result : report.path("results")) {
            if ("REJECTED".equals(result.path("status").asText())) {
                JsonNode problem = result.path("problem");
                ObjectNode line = rejectedLines.addObject();
                line.put("line", from + result.path("line").asInt());
                line.put("type", result.path("type").asText(null));
                line.put("title", problem.path("title").asText(null));
                line.put("detail", problem.path("detail").asText(null));
                line.put("field", problem.path("field").asText(null));
            }
        }
    }

    private static void save(ObjectNode checkpoint, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Api.JSON.writeValue(partial.toFile(), checkpoint);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Path checkpointDirectory() {
        String state = parley.environment.variables().get("XDG_STATE_HOME");
        Path base = state == null || state.isBlank()
                ? parley.environment.home().resolve(".local").resolve("state")
                : Path.of(state);
        return base.resolve("parley").resolve("imports");
    }

    /** The file's lines as bytes, untouched (the server reads them as strictly as single requests). */
    static List<byte[]> lines(byte[] content) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(content, start, i));
                start = i + 1;
            }
        }
        if (start < content.length) {
            lines.add(java.util.Arrays.copyOfRange(content, start, content.length));
        }
        return lines;
    }

    private static byte[] body(List<byte[]> lines, int from, int to) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            body.writeBytes(lines.get(i));
            body.write('\n');
        }
        return body.toByteArray();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
