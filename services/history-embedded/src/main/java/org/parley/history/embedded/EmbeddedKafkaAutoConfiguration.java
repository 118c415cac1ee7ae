package org.parley.history.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded default: when no Kafka bootstrap servers are configured, Parley starts a real KRaft broker in-process,
 * keeping its log under {@code parley.data-dir}/kafka across restarts (delete that directory for a fresh broker; the
 * publisher then republishes the ledger). Port 0 picks a free port.
 */
// Before Spring Boot's Kafka configuration, whose own connection details step aside for these.
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration")
@Conditional(EmbeddedKafkaAutoConfiguration.NoBootstrapServersConfigured.class)
@PropertySource("classpath:org/parley/history/embedded/embedded-kafka.properties")
public class EmbeddedKafkaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedKafkaBroker embeddedKafkaBroker(
            @Value("${parley.data-dir:data}") Path dataDir, @Value("${parley.embedded-kafka.port}") int port)
            throws IOException {
        // A broker that hits a fatal error calls Exit; in-process that must not end the whole service.
        Exit.setExitProcedure((status, message) -> log.error("The embedded Kafka broker stopped: {}", message));
        Exit.setHaltProcedure((status, message) -> log.error("The embedded Kafka broker halted: {}", message));
        Path kafkaDir = dataDir.resolve("kafka").toAbsolutePath();
        EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.plaintext(kafkaDir, port).start();
        log.info(
                "Embedded Kafka is running on {} with its data in {} (kcat -b {} -L)",
                broker.bootstrapServers(),
                kafkaDir,
                broker.bootstrapServers());
        return broker;
    }

    @Bean
    KafkaConnectionDetails kafkaConnectionDetails(EmbeddedKafkaBroker broker) {
        return () -> List.of(broker.bootstrapServers());
    }

    static class NoBootstrapServersConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"));
        }
    }
}
