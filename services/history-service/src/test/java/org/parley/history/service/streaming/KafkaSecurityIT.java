package org.parley.history.service.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.embedded.EmbeddedKafkaBroker;
import org.parley.history.embedded.EmbeddedKafkaBroker.ScramUser;
import org.parley.history.service.ParleyApplication;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.LedgerTopic;
import org.parley.history.service.support.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * Kafka security comes from Spring Kafka's standard settings: here the environment variables an operator would set
 * point Parley at a broker that requires SASL/SCRAM-SHA-256, and the ledger arrives there. Parley runs on its own
 * embedded PostgreSQL, so that its publisher is the only one on this broker.
 */
class KafkaSecurityIT {

    @TempDir
    Path dir;

    @Test
    void with_the_standard_spring_kafka_environment_variables_parley_publishes_to_a_broker_that_requires_sasl_scram() {
        String sourceId = "scram-source";
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.scram(
                                dir.resolve("kafka"),
                                0,
                                List.of(
                                        new ScramUser("parley", "parley-secret"),
                                        new ScramUser("newsroom", "newsroom-secret")))
                        .start();
                ConfigurableApplicationContext parley = start(broker)) {

            ResponseEntity<JsonNode> written =
                    client(parley).postForEntity("/api/sources", registerSource(sourceId), JsonNode.class);

            assertThat(written.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            try (LedgerTopic topic =
                    LedgerTopic.fromBeginning(broker.bootstrapServers(), scram("newsroom", "newsroom-secret"))) {
                assertThat(topic.await(LedgerTopic.subjectIn(Set.of(sourceId)), 1, Duration.ofSeconds(60)))
                        .hasSize(1);
            }
            assertThatThrownBy(() -> partitionsWith(broker, scram("newsroom", "wrong")))
                    .isInstanceOf(AuthenticationException.class);
        }
    }

    private ConfigurableApplicationContext start(EmbeddedKafkaBroker broker) {
        Map<String, Object> environment = new HashMap<>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        environment.put("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-256");
        environment.put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaas("parley", "parley-secret"));
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--parley.data-dir=" + dir,
                "--parley.embedded-postgres.port=0",
                "--parley.seeds.load-on-start=false"));
        arguments.addAll(List.of(TestUsers.asArguments()));
        return new SpringApplicationBuilder(ParleyApplication.class)
                .initializers(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(arguments.toArray(String[]::new));
    }

    private static Map<String, Object> scram(String user, String password) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", jaas(user, password));
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static void partitionsWith(EmbeddedKafkaBroker broker, Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.partitionsFor(LedgerTopic.NAME, Duration.ofSeconds(5));
        }
    }

    private static TestRestTemplate client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        TestRestTemplate client = new TestRestTemplate(IntegrationTest.TESTER, IntegrationTest.TESTER_PASSWORD);
        client.setUriTemplateHandler(new DefaultUriBuilderFactory("http://localhost:" + port));
        return client;
    }
}
