package org.parley.history.service.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.history.embedded.EmbeddedKafkaBroker;
import org.springframework.util.FileSystemUtils;

/**
 * One real Kafka broker for the whole test run: the KRaft broker the embedded default runs, in this JVM on a free
 * port. Tests that cut Kafka off stop it and start it again on the same port and log.
 */
public final class TestKafka {

    private static EmbeddedKafkaBroker broker;

    private TestKafka() {}

    public static synchronized EmbeddedKafkaBroker broker() {
        if (broker == null) {
            try {
                broker = EmbeddedKafkaBroker.plaintext(Files.createTempDirectory("parley-test-kafka"), 0)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test Kafka broker", e);
            }
            EmbeddedKafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                try {
                    FileSystemUtils.deleteRecursively(started.logDir());
                } catch (IOException ignored) {
                    // the JVM is going away; a temporary directory may stay behind
                }
            }));
        }
        return broker;
    }

    /**
     * Spring properties that point a service at the test broker. Short producer timeouts, so that an outage is
     * noticed in seconds rather than the production two minutes.
     */
    public static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", broker().bootstrapServers());
        properties.put("spring.kafka.producer.properties.delivery.timeout.ms", "4000");
        properties.put("spring.kafka.producer.properties.request.timeout.ms", "2000");
        properties.put("spring.kafka.producer.properties.max.block.ms", "2000");
        properties.put("spring.kafka.producer.properties.reconnect.backoff.max.ms", "500");
        properties.put("spring.kafka.admin.operation-timeout", "3s");
        properties.put("parley.streams.send-timeout", "8s");
        return properties;
    }

    public static String[] asArguments() {
        return properties().entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }
}
