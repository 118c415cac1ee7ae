package org.parley.history.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * With nothing configured, the embedded runtime is the default beside Spring Boot's own datasource and Kafka
 * configuration: a real PostgreSQL with durable writes and a real broker, both keeping their data under
 * {@code parley.data-dir}, and the seeds turned on unless configured otherwise.
 */
class EmbeddedRuntimeIT {

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        EmbeddedPostgresAutoConfiguration.class,
                        EmbeddedKafkaAutoConfiguration.class,
                        DataSourceAutoConfiguration.class,
                        KafkaAutoConfiguration.class))
                .withPropertyValues(
                        "parley.data-dir=" + dataDir,
                        "parley.embedded-postgres.port=0",
                        "parley.embedded-kafka.port=0");
    }

    @Test
    void with_no_database_or_brokers_configured_a_real_postgresql_and_a_real_broker_are_the_default() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(DataSource.class).hasSingleBean(EmbeddedPostgresServer.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            EmbeddedKafkaBroker broker = context.getBean(EmbeddedKafkaBroker.class);
            Object adminServers = context.getBean(KafkaAdmin.class)
                    .getConfigurationProperties()
                    .get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);

            assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
            assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class))
                    .isEqualTo("on");
            assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
            assertThat(adminServers).asString().contains(broker.bootstrapServers());
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .hasSize(1);
            }
            assertThat(broker.logDir()).isEqualTo(dataDir.resolve("kafka").toAbsolutePath());
            assertThat(context.getEnvironment().getProperty("parley.seeds.load-on-start", Boolean.class))
                    .isTrue();
        });
    }

    @Test
    void the_embedded_defaults_yield_to_what_is_configured() {
        runner().withPropertyValues(
                        "parley.seeds.load-on-start=false",
                        "spring.kafka.bootstrap-servers=kafka.example.internal:9092")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context)
                            .hasSingleBean(EmbeddedPostgresServer.class)
                            .doesNotHaveBean(EmbeddedKafkaBroker.class);
                    assertThat(context.getEnvironment().getProperty("parley.seeds.load-on-start", Boolean.class))
                            .isFalse();
                });
    }
}
