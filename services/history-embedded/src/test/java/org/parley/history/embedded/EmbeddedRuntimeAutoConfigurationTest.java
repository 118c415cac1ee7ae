package org.parley.history.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Where a database and brokers are configured, the embedded runtime stays out of the way entirely. */
class EmbeddedRuntimeAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    EmbeddedPostgresAutoConfiguration.class, EmbeddedKafkaAutoConfiguration.class));

    @Test
    void both_halves_are_auto_configured_from_the_jar_alone() {
        List<String> candidates = ImportCandidates.load(
                        AutoConfiguration.class, getClass().getClassLoader())
                .getCandidates();

        assertThat(candidates)
                .contains(
                        EmbeddedPostgresAutoConfiguration.class.getName(),
                        EmbeddedKafkaAutoConfiguration.class.getName());
    }

    @Test
    void a_configured_database_url_starts_no_postgresql_and_loads_no_seeds_unasked() {
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db.example.internal:5432/parley")
                .withPropertyValues("spring.kafka.bootstrap-servers=kafka.example.internal:9092")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(EmbeddedPostgresServer.class);
                    assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
                    assertThat(context.getEnvironment().getProperty("parley.seeds.load-on-start"))
                            .isNull();
                    assertThat(context.getEnvironment().getProperty("parley.embedded-postgres.port"))
                            .isNull();
                    assertThat(context.getEnvironment().getProperty("parley.embedded-kafka.port"))
                            .isNull();
                });
    }
}
