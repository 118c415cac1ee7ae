package org.parley.history.service.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.parley.history.contract.event.LedgerEvent;
import org.parley.history.service.ledger.LedgerMetadata;
import org.parley.history.service.ledger.LedgerTables;
import org.parley.history.service.readmodel.ReadModelBatches;
import org.parley.history.service.readmodel.ReadModelRebuild;
import org.parley.history.service.readmodel.ReadModelVersions;
import org.parley.history.service.readmodel.RebuildableProjection;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read model alone, on a PostgreSQL database of its own: the real projections, rows and questions of the read
 * side wired in a small Spring context, and a ledger (Axon's JDBC storage engine on the service's tables) whose
 * events are handed to the projections as Axon's tracking processor hands them: read back from the ledger with
 * their tracking tokens, in one {@link BatchingUnitOfWork} per batch and one transaction, each to every handler of
 * the processing group {@value ReadModelBatches#PROCESSING_GROUP}.
 *
 * <p>A test class registers one ({@code @RegisterExtension static final ReadModelSlice readModel = new
 * ReadModelSlice();}): its database, copied from one migrated once by Flyway, lives as long as the class; before
 * each test the ledger and the read model are emptied, so that no test sees another's rows and no projection
 * remembers another test's sources.
 */
public final class ReadModelSlice implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /** Who recorded the ledger events, unless a test says otherwise. */
    public static final String ANALYST = "analyst";

    private static final String PACKAGE = "org.parley.history.service.";
    private static final Pattern DATABASE_IN_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");
    private static final AtomicInteger databases = new AtomicInteger();
    private static String template;

    /** A ledger event and the moment the ledger stored it. */
    public record Entry(Instant recordedAt, LedgerEvent event, String recordedBy) {}

    private final Map<String, Long> aggregateSequences = new HashMap<>();
    private String database;
    private HikariDataSource dataSource;
    private AnnotationConfigApplicationContext context;
    private JdbcEventStorageEngine ledger;
    private List<AnnotationEventHandlerAdapter> handlers;
    private SpringTransactionManager transactions;
    private TrackingToken readUpTo;

    @Override
    public void beforeAll(ExtensionContext extension) {
        database = "read_model_" + databases.incrementAndGet() + "_" + suffix();
        admin().execute("CREATE DATABASE " + database + " TEMPLATE " + template());
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url(database));
        dataSource.setUsername(TestDatabase.connection().username());
        dataSource.setPassword(TestDatabase.connection().password());
        dataSource.setMaximumPoolSize(3);
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);

        context = new AnnotationConfigApplicationContext();
        try {
            context.getEnvironment()
                    .getPropertySources()
                    .addLast(new ResourcePropertySource("classpath:application.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.registerBean(DataSource.class, () -> dataSource);
        context.registerBean(JdbcTemplate.class, () -> new JdbcTemplate(dataSource));
        context.registerBean(NamedParameterJdbcTemplate.class, () -> new NamedParameterJdbcTemplate(dataSource));
        context.registerBean(DataSourceTransactionManager.class, () -> transactionManager);
        context.registerBean(TransactionTemplate.class, () -> new TransactionTemplate(transactionManager));
        // only a rebuild's start asks Axon's processing configuration for the processor, and no test here does
        context.registerBean(EventProcessingModule.class, EventProcessingModule::new);
        // the service's ObjectMapper, made from the same spring.jackson.* properties
        context.register(JacksonAutoConfiguration.class);
        ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(context);
        // an operator's retry of a parked event reads it back from Axon's event store, which the slice has not
        scanner.addExcludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*\\.ReadModelParking")));
        scanner.scan(
                PACKAGE + "readmodel", PACKAGE + "sources.read", PACKAGE + "events.read", PACKAGE + "narratives.read");
        context.refresh();

        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(context.getBean(ObjectMapper.class))
                .build();
        transactions = new SpringTransactionManager(transactionManager);
        ledger = JdbcEventStorageEngine.builder()
                .connectionProvider(dataSource::getConnection)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(LedgerTables.events())
                .build();
        handlers = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .filter(bean -> ReadModelBatches.PROCESSING_GROUP.equals(
                        bean.getClass().getAnnotation(ProcessingGroup.class).value()))
                .map(AnnotationEventHandlerAdapter::new)
                .toList();
    }

    /** An empty ledger and an empty read model, current at position 0, that remembers nothing. */
    @Override
    public void beforeEach(ExtensionContext extension) {
        new TransactionTemplate(context.getBean(DataSourceTransactionManager.class)).executeWithoutResult(status -> {
            JdbcTemplate jdbc = jdbc();
            // a rebuild a test left unfinished is abandoned: the answering version is the one emptied
            jdbc.update("UPDATE read_model_state SET building_version = NULL WHERE id = 1");
            int version = jdbc.queryForObject("SELECT version FROM read_model_state WHERE id = 1", Integer.class);
            for (RebuildableProjection projection :
                    context.getBeansOfType(RebuildableProjection.class).values()) {
                projection.forget();
                projection
                        .tables()
                        .forEach(table -> jdbc.execute("TRUNCATE " + ReadModelVersions.schema(version) + "." + table));
            }
            // the ledger refuses to be emptied, rightly; this database is the test's own
            jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_no_truncate");
            jdbc.execute("TRUNCATE domain_event_entry, narrative_change RESTART IDENTITY");
            jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_no_truncate");
            jdbc.update(
                    "UPDATE read_model_state SET state = 'CURRENT', position = 0, target_position = 0 WHERE id = 1");
        });
        aggregateSequences.clear();
        readUpTo = null;
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        context.close();
        dataSource.close();
        admin().execute("DROP DATABASE IF EXISTS " + database);
    }

    public static Entry at(String recordedAt, LedgerEvent event) {
        return new Entry(Instant.parse(recordedAt), event, ANALYST);
    }

    public static Entry at(String recordedAt, LedgerEvent event, String recordedBy) {
        return new Entry(Instant.parse(recordedAt), event, recordedBy);
    }

    /**
     * Stores the entries on the ledger, in order, then has the read model handle everything after its position as
     * one batch: one unit of work, one transaction, as the tracking processor does.
     */
    public void handle(Entry... entries) {
        record(entries);
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = ledger.readEvents(readUpTo, false)) {
            stream.forEach(batch::add);
        }
        if (batch.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> {
                    EventMessage<?> message =
                            (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
                    for (AnnotationEventHandlerAdapter handler : handlers) {
                        if (handler.canHandle(message)) {
                            handler.handle(message);
                        }
                    }
                    return null;
                },
                RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new AssertionError("the read model failed on its batch", result.exceptionResult());
        }
        readUpTo = batch.get(batch.size() - 1).trackingToken();
    }

    /** Appends to the ledger as the aggregates do: each aggregate's events numbered from 0, with who recorded them. */
    private void record(Entry... entries) {
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        for (Entry entry : entries) {
            String aggregate = entry.event().aggregateId();
            long sequence = aggregateSequences.merge(aggregate, 0L, (previous, ignored) -> previous + 1);
            messages.add(new GenericDomainEventMessage<>(
                    "ledger",
                    aggregate,
                    sequence,
                    entry.event(),
                    Map.of(LedgerMetadata.RECORDED_BY, entry.recordedBy()),
                    UUID.randomUUID().toString(),
                    entry.recordedAt()));
        }
        ledger.appendEvents(messages);
    }

    /**
     * What a rebuild does while the processor is stopped (see {@code ReadModelRebuild}): a new version of the read
     * model made, empty, and marked {@code REBUILDING} up to the ledger's head, the position back at the start. The
     * next {@link #handle} replays the whole ledger into it, and it takes over.
     */
    public void startRebuild() {
        context.getBean(ReadModelRebuild.class).begin("test", null);
        readUpTo = null;
    }

    /** A bean of the read side: a question, or rows to read. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** The rows a query returns, column by column, with timestamps as instants and arrays as lists. */
    public List<Map<String, Object>> rows(String sql, Object... arguments) {
        return jdbc().queryForList(sql, arguments).stream()
                .map(ReadModelSlice::plain)
                .toList();
    }

    /** The single row a query returns. */
    public Map<String, Object> row(String sql, Object... arguments) {
        List<Map<String, Object>> rows = rows(sql, arguments);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + ": " + rows);
        }
        return rows.get(0);
    }

    public long count(String table) {
        return jdbc().queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private static Map<String, Object> plain(Map<String, Object> row) {
        Map<String, Object> plain = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            try {
                plain.put(
                        column,
                        value instanceof Timestamp at
                                ? at.toInstant()
                                : value instanceof Array array ? Arrays.asList((Object[]) array.getArray()) : value);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return plain;
    }

    /** A database migrated once per test run, which each slice copies: cheaper than migrating for every test. */
    private static synchronized String template() {
        if (template == null) {
            String name = "read_model_template_" + suffix();
            admin().execute("CREATE DATABASE " + name);
            // no pool: a template must have no open connection when it is copied
            Flyway.configure()
                    .dataSource(new SimpleDriverDataSource(
                            new org.postgresql.Driver(),
                            url(name),
                            TestDatabase.connection().username(),
                            TestDatabase.connection().password()))
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            template = name;
        }
        return template;
    }

    private static JdbcTemplate admin() {
        TestDatabase.Connection connection = TestDatabase.connection();
        return new JdbcTemplate(new SimpleDriverDataSource(
                new org.postgresql.Driver(), connection.url(), connection.username(), connection.password()));
    }

    private static String url(String database) {
        Matcher url = DATABASE_IN_URL.matcher(TestDatabase.connection().url());
        if (!url.matches()) {
            throw new IllegalStateException(
                    "cannot name a database in " + TestDatabase.connection().url());
        }
        return url.group(1) + database + url.group(3);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
