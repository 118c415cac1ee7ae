package org.parley.history.service.seeding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.service.commands.CommandImport;
import org.parley.history.service.commands.WriteReceipt;
import org.parley.history.service.ledger.LedgerMetadata;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the curated seed dataset (the seed files packed into the service from {@code seeds/}) through the same
 * command import as the bulk import's lines. Every command carries its own ids, so loading again writes nothing.
 */
@Component
public class SeedLoader {

    /** Who the ledger says recorded the seeds. */
    public static final String RECORDER = "parley-seeds";

    static final String LOCATION = "classpath*:seeds/0*.json";

    /** What one load did: counts, each refused command with its reason, and the anomalies flagged. */
    public record SeedReport(
            int commands, int written, int alreadyThere, List<String> refused, List<String> anomalies) {}

    private final CommandImport imports;
    private final ObjectMapper objectMapper;

    SeedLoader(CommandImport commands, ObjectMapper objectMapper) {
        this.imports = commands;
        this.objectMapper = objectMapper;
    }

    public SeedReport load() {
        String correlationId = "seeds-" + UUID.randomUUID();
        int commands = 0;
        int written = 0;
        int alreadyThere = 0;
        List<String> refused = new ArrayList<>();
        List<String> anomalies = new ArrayList<>();
        for (Resource file : seedFiles()) {
            JsonNode entries = read(file);
            for (int index = 0; index < entries.size(); index++) {
                commands++;
                String place = file.getFilename() + "[" + index + "]";
                try {
                    WriteReceipt receipt = imports.dispatch(
                                    (ObjectNode) entries.get(index),
                                    objectMapper,
                                    "seed:" + place,
                                    Map.of(
                                            LedgerMetadata.RECORDED_BY,
                                            RECORDER,
                                            LedgerMetadata.CORRELATION_ID,
                                            correlationId))
                            .receipt();
                    if (receipt.replayed()) {
                        alreadyThere++;
                    } else {
                        written++;
                    }
                    for (Anomaly anomaly : receipt.anomalies()) {
                        anomalies.add(receipt.entityId() + ": " + anomaly.kind() + " (" + anomaly.detail() + ")");
                    }
                } catch (RuntimeException | IOException failure) {
                    refused.add(place + ": " + failure.getMessage());
                }
            }
        }
        return new SeedReport(commands, written, alreadyThere, refused, anomalies);
    }

    private JsonNode read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            JsonNode entries = objectMapper.readTree(in);
            if (!entries.isArray()) {
                throw new IllegalStateException(file.getFilename() + " is not a JSON array of commands");
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + file.getFilename(), e);
        }
    }

    private static List<Resource> seedFiles() {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            return Arrays.stream(files)
                    .sorted(Comparator.comparing(Resource::getFilename))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the seed files", e);
        }
    }
}
