package org.parley.history.service.seeding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The seed files as they stand in the repository, read as plain JSON. */
final class SeedDataset {

    static final Path DIRECTORY = Path.of("../../seeds");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedDataset() {}

    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(path -> path.getFileName().toString().matches("0.*\\.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every command of every file, in load order. */
    static List<JsonNode> commands() {
        List<JsonNode> commands = new ArrayList<>();
        files().forEach(file -> read(file).forEach(commands::add));
        return commands;
    }

    static List<JsonNode> commandsOfType(String type) {
        return commands().stream()
                .filter(command -> type.equals(command.path("type").asText()))
                .toList();
    }

    static JsonNode disagreements() {
        return read(DIRECTORY.resolve("disagreements.json"));
    }

    static JsonNode schema() {
        return read(DIRECTORY.resolve("schema/seed-file.schema.json"));
    }
}
