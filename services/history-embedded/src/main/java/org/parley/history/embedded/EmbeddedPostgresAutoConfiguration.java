package org.parley.history.embedded;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The embedded default: when no database URL is configured, Parley starts a real PostgreSQL in-process, keeping
 * its data under {@code parley.data-dir} across restarts. Writes are durable (fsync and synchronous commit on),
 * as on any production server, and the server is started again when its process dies ({@link
 * EmbeddedPostgresServer}). Port 0 picks a free port. Its defaults (the port, loading the seeds on start) sit
 * in {@code embedded-postgres.properties}, below anything configured, and only apply while this runs.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@Conditional(EmbeddedPostgresAutoConfiguration.NoDatabaseUrlConfigured.class)
@PropertySource("classpath:org/parley/history/embedded/embedded-postgres.properties")
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgres(
            @Value("${parley.data-dir:data}") Path dataDir,
            @Value("${parley.embedded-postgres.port}") int port,
            @Value("${parley.embedded-postgres.watchdog-interval}") String watchdogInterval)
            throws IOException {
        Path postgresDir = dataDir.resolve("postgres").toAbsolutePath();
        // Parsed here: the plain contexts of the tests have no Boot conversion service to read "500ms".
        EmbeddedPostgresServer postgres =
                EmbeddedPostgresServer.start(postgresDir, port, DurationStyle.detectAndParse(watchdogInterval));
        log.info(
                "Embedded PostgreSQL is running on port {} with its data in {} (psql -h localhost -p {} -U postgres)",
                postgres.port(),
                postgresDir,
                postgres.port());
        return postgres;
    }

    /** With the same pool settings as any other database (timeouts included), from {@code spring.datasource.hikari}. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgresServer postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.jdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("parley-embedded");
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        return dataSource;
    }

    static class NoDatabaseUrlConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
