package org.parley.history.benchmarks;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.SnapshotEventEntry;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceProvider;

/**
 * A container-style JPA bootstrap of Axon's two event entities, the route Spring Boot takes, minus Spring: Hibernate
 * gets a persistence unit description and a DataSource, and creates the tables itself.
 */
final class BenchmarkPersistenceUnit implements PersistenceUnitInfo {

    /** Overrides the global index generator of Axon's entities to a sequence stepping by 1. */
    static final String SEQUENCE_STEP_ONE_MAPPING = "META-INF/global-index-sequence-step-1.orm.xml";

    private final DataSource dataSource;
    private final List<String> mappingFiles;

    private BenchmarkPersistenceUnit(DataSource dataSource, List<String> mappingFiles) {
        this.dataSource = dataSource;
        this.mappingFiles = mappingFiles;
    }

    static EntityManagerFactory create(DataSource dataSource, AxonJpaTarget.Mapping mapping) {
        Map<String, Object> properties = new HashMap<>();
        // Spring Boot's default naming, so the tables come out as domain_event_entry with snake_case columns.
        properties.put(
                AvailableSettings.PHYSICAL_NAMING_STRATEGY, CamelCaseToUnderscoresNamingStrategy.class.getName());
        properties.put(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "create");
        if (mapping.bytea) {
            properties.put(AvailableSettings.DIALECT, ByteaPostgreSQLDialect.class.getName());
        }
        properties.putAll(mapping.extraProperties);
        List<String> mappingFiles = mapping.sequenceStepOne ? List.of(SEQUENCE_STEP_ONE_MAPPING) : List.of();
        return new HibernatePersistenceProvider()
                .createContainerEntityManagerFactory(
                        new BenchmarkPersistenceUnit(dataSource, mappingFiles), properties);
    }

    @Override
    public String getPersistenceUnitName() {
        return "axon-event-store";
    }

    @Override
    public String getPersistenceProviderClassName() {
        return HibernatePersistenceProvider.class.getName();
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return mappingFiles;
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return null;
    }

    @Override
    public List<String> getManagedClassNames() {
        return List.of(DomainEventEntry.class.getName(), SnapshotEventEntry.class.getName());
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.1";
    }

    @Override
    public ClassLoader getClassLoader() {
        return BenchmarkPersistenceUnit.class.getClassLoader();
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // No bytecode enhancement: Axon's entries are plain field-mapped entities.
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return getClassLoader();
    }
}
