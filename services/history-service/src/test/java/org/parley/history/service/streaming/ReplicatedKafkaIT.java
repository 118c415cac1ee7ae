package org.parley.history.service.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.history.consumer.LedgerMessage;
import org.parley.history.consumer.LedgerMessageDeserializer;
import org.parley.history.embedded.EmbeddedKafkaCluster;
import org.parley.history.service.ParleyApplication;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestDatabase;
import org.parley.history.service.support.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * Parley on a three-node KRaft cluster, the ledger topic with three replicas and a min ISR of two, configured as an
 * operator would (the {@code PARLEY_STREAMS_LEDGER_*} settings). Two clients write over HTTP; midway the broker that
 * leads most of the ledger's partitions dies without handing them over. Every acknowledged write reaches the topic,
 * each aggregate's events in ledger order, with no restart of anything; a newsroom's consumer, built on the consumer
 * library's deserializer and reading all the while, sees every {@code ce_id}. Its own database and cluster, so that
 * its publisher is the only one and its ledger only this test's.
 */
class ReplicatedKafkaIT {

    private static final String TOPIC = "parley.ledger.v1";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int CLIENTS = 2;
    private static final int ROUNDS_PER_CLIENT = 40;
    private static final int ACCOUNTS_PER_EVENT = 3;

    @TempDir
    Path dir;

    @Test
    void when_the_leader_dies_mid_load_nothing_acknowledged_is_lost_or_reordered_and_the_publisher_carries_on()
            throws Exception {
        try (EmbeddedKafkaCluster cluster =
                        EmbeddedKafkaCluster.of(dir.resolve("kafka")).start();
                ConfigurableApplicationContext parley = start(cluster);
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
                Newsroom newsroom = new Newsroom(cluster.bootstrapServers())) {
            TestRestTemplate http = client(parley);
            JdbcTemplate ledger = parley.getBean(JdbcTemplate.class);
            // Parley creates the topic as it starts; a broker may not yet know of it when asked first.
            Map<Integer, TopicPartitionInfo> before = Awaitility.await("the ledger topic known to the cluster")
                    .atMost(PATIENCE)
                    .ignoreExceptions()
                    .until(
                            () -> partitions(admin),
                            found -> !found.isEmpty()
                                    && found.values().stream().allMatch(partition -> partition.leader() != null));
            assertThat(before.values())
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            assertThat(admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, TOPIC)))
                            .all()
                            .get()
                            .values()
                            .iterator()
                            .next()
                            .get("min.insync.replicas")
                            .value())
                    .isEqualTo("2");
            int victim = busiestLeader(before);

            ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicInteger writes = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch halfway = new CountDownLatch(CLIENTS * ROUNDS_PER_CLIENT / 2);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> load = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String client = "c" + c;
                load.add(clients.submit(() -> {
                    for (int round = 0; round < ROUNDS_PER_CLIENT; round++) {
                        String sourceId = "rk-source-" + client + "-" + round;
                        String eventId = "rk-event-" + client + "-" + round;
                        List<Boolean> outcomes = new ArrayList<>();
                        outcomes.add(
                                created(http.postForEntity("/api/sources", registerSource(sourceId), JsonNode.class)));
                        outcomes.add(created(
                                http.postForEntity("/api/events", reportEvent(eventId, sourceId), JsonNode.class)));
                        for (int a = 0; a < ACCOUNTS_PER_EVENT; a++) {
                            outcomes.add(created(http.postForEntity(
                                    "/api/accounts",
                                    account(eventId, eventId + ".a" + a, sourceId, "Gomel"),
                                    JsonNode.class)));
                        }
                        writes.addAndGet(outcomes.size());
                        outcomes.stream().filter(ok -> !ok).forEach(ok -> refused.incrementAndGet());
                        if (outcomes.get(0)) {
                            acknowledged.add(sourceId);
                        }
                        if (outcomes.get(1)) {
                            acknowledged.add(eventId);
                        }
                        halfway.countDown();
                    }
                    return null;
                }));
            }

            assertThat(halfway.await(60, TimeUnit.SECONDS))
                    .as("half the writes done")
                    .isTrue();
            Awaitility.await("records on the topic before the kill")
                    .atMost(PATIENCE)
                    .until(() -> !newsroom.seen().isEmpty());
            boolean controller = isController(admin, victim);
            long killedAt = System.nanoTime();
            cluster.kill(victim);
            ExecutorService watcher = Executors.newSingleThreadExecutor();
            Future<Long> newLeaders = watcher.submit(() -> Awaitility.await(
                            "a new leader for every partition node " + victim + " led")
                    .atMost(PATIENCE)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .until(
                            () -> partitions(admin).values().stream()
                                            .allMatch(partition -> partition.leader() != null
                                                    && partition.leader().id() != victim)
                                    ? System.nanoTime()
                                    : 0L,
                            at -> at > 0));
            watcher.shutdown();
            for (Future<?> client : load) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
            long lastAcknowledgedAt = System.nanoTime();

            long newLeaderAt = newLeaders.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            List<String> aggregates = List.copyOf(acknowledged);
            Map<String, List<String>> ledgerOrder = ledgerOrder(ledger, aggregates);
            Set<String> expected = ledgerOrder.values().stream()
                    .flatMap(List::stream)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Awaitility.await("every acknowledged event on the topic")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> newsroom.seen().containsAll(expected));
            long lastRecordAt = newsroom.arrivalOf(expected);

            assertThat(refused.get()).as("writes refused").isZero();
            assertThat(expected).as("acknowledged ledger events").hasSize(writes.get());
            assertThat(newsroom.orderOf(aggregates)).isEqualTo(ledgerOrder);
            assertThat(newsroom.unreadable())
                    .as("records the consumer library could not read")
                    .isZero();
            TrackingEventProcessor publisher = parley.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(LedgerPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                    .orElseThrow();
            assertThat(publisher.isRunning()).isTrue();
            assertThat(publisher.processingStatus().values()).noneMatch(EventTrackerStatus::isErrorState);
            assertThat(partitions(admin).values())
                    .allSatisfy(partition -> assertThat(partition.isr()).hasSizeGreaterThanOrEqualTo(2));

            System.out.printf(
                    "replicated kafka: node %d (leader of %d of %d partitions%s) killed; %d writes acknowledged, %d"
                            + " refused, %d lost on the topic (%d records read, %d distinct); new leaders %d ms after"
                            + " the kill; last acknowledged record on the topic %d ms after the kill, %d ms after the"
                            + " last 201%n",
                    victim,
                    before.values().stream()
                            .filter(partition -> partition.leader().id() == victim)
                            .count(),
                    before.size(),
                    controller ? ", and the active controller" : "",
                    writes.get(),
                    refused.get(),
                    expected.stream()
                            .filter(id -> !newsroom.seen().contains(id))
                            .count(),
                    newsroom.records(),
                    newsroom.seen().size(),
                    TimeUnit.NANOSECONDS.toMillis(newLeaderAt - killedAt),
                    TimeUnit.NANOSECONDS.toMillis(lastRecordAt - killedAt),
                    TimeUnit.NANOSECONDS.toMillis(Math.max(0, lastRecordAt - lastAcknowledgedAt)));
        }
    }

    private static boolean created(ResponseEntity<JsonNode> response) {
        return response.getStatusCode() == HttpStatus.CREATED;
    }

    /** The node that leads the most of the ledger's partitions: the one whose death moves the most of them. */
    private static int busiestLeader(Map<Integer, TopicPartitionInfo> partitions) {
        return partitions.values().stream()
                .collect(Collectors.groupingBy(partition -> partition.leader().id(), Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
    }

    private static Map<Integer, TopicPartitionInfo> partitions(Admin admin) throws Exception {
        TopicDescription description =
                admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
        Map<Integer, TopicPartitionInfo> partitions = new LinkedHashMap<>();
        description.partitions().forEach(partition -> partitions.put(partition.partition(), partition));
        return partitions;
    }

    private static boolean isController(Admin admin, int nodeId) {
        try {
            Node controller = admin.describeCluster().controller().get(5, TimeUnit.SECONDS);
            return controller != null && controller.id() == nodeId;
        } catch (Exception unknown) {
            return false;
        }
    }

    private static Map<String, List<String>> ledgerOrder(JdbcTemplate ledger, Collection<String> aggregates) {
        Map<String, List<String>> order = new LinkedHashMap<>();
        for (String aggregate : aggregates) {
            order.put(
                    aggregate,
                    ledger.queryForList(
                            "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY"
                                    + " sequence_number",
                            String.class,
                            aggregate));
        }
        return order;
    }

    /** Parley as an operator would start it against the cluster: every node's address, the topic replicated. */
    private ConfigurableApplicationContext start(EmbeddedKafkaCluster cluster) {
        TestDatabase.Connection database = TestDatabase.freshDatabase("parley_replicated");
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--parley.data-dir=" + dir.resolve("data"),
                "--parley.seeds.load-on-start=false",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + cluster.bootstrapServers(),
                "--PARLEY_STREAMS_LEDGER_REPLICATION=3",
                "--PARLEY_STREAMS_LEDGER_MIN_INSYNC_REPLICAS=2",
                "--PARLEY_STREAMS_NARRATIVES_REPLICATION=3",
                "--PARLEY_STREAMS_NARRATIVES_MIN_INSYNC_REPLICAS=2"));
        arguments.addAll(List.of(TestUsers.asArguments()));
        return new SpringApplicationBuilder(ParleyApplication.class).run(arguments.toArray(String[]::new));
    }

    private static TestRestTemplate client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        TestRestTemplate client = new TestRestTemplate(IntegrationTest.TESTER, IntegrationTest.TESTER_PASSWORD);
        client.setUriTemplateHandler(new DefaultUriBuilderFactory("http://localhost:" + port));
        return client;
    }

    /**
     * A newsroom's consumer: the consumer library's deserializer, every partition from the beginning, polling on a
     * thread of its own from before the load until the end, through the failover.
     */
    private static final class Newsroom implements AutoCloseable {

        private record Seen(String key, String id, long arrivedAt) {}

        private final ConcurrentLinkedQueue<Seen> received = new ConcurrentLinkedQueue<>();
        private final Map<String, Long> firstArrival = new java.util.concurrent.ConcurrentHashMap<>();
        private final AtomicInteger unreadable = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Newsroom(String bootstrapServers) {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LedgerMessageDeserializer.class);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            KafkaConsumer<String, LedgerMessage> consumer = new KafkaConsumer<>(config);
            List<TopicPartition> partitions = Awaitility.await("the ledger topic's partitions")
                    .atMost(PATIENCE)
                    .until(
                            () -> consumer.partitionsFor(TOPIC, Duration.ofSeconds(5)).stream()
                                    .map(info -> new TopicPartition(TOPIC, info.partition()))
                                    .toList(),
                            found -> !found.isEmpty());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread = new Thread(
                    () -> {
                        try (consumer) {
                            while (running.get()) {
                                for (ConsumerRecord<String, LedgerMessage> record :
                                        consumer.poll(Duration.ofMillis(100))) {
                                    LedgerMessage message = record.value();
                                    if (message == null || message.id() == null || message.event() == null) {
                                        unreadable.incrementAndGet();
                                        continue;
                                    }
                                    long now = System.nanoTime();
                                    received.add(new Seen(record.key(), message.id(), now));
                                    firstArrival.putIfAbsent(message.id(), now);
                                }
                            }
                        }
                    },
                    "newsroom-consumer");
            thread.start();
        }

        Set<String> seen() {
            return firstArrival.keySet();
        }

        int records() {
            return received.size();
        }

        int unreadable() {
            return unreadable.get();
        }

        /** When the last of {@code ids} first arrived. */
        long arrivalOf(Collection<String> ids) {
            return ids.stream().mapToLong(firstArrival::get).max().orElseThrow();
        }

        /** Each aggregate's distinct ids in the order its partition delivered them. */
        Map<String, List<String>> orderOf(Collection<String> aggregates) {
            Map<String, List<String>> order = new LinkedHashMap<>();
            aggregates.forEach(aggregate -> order.put(aggregate, new ArrayList<>()));
            for (Seen seen : received) {
                List<String> ids = order.get(seen.key());
                if (ids != null && !ids.contains(seen.id())) {
                    ids.add(seen.id());
                }
            }
            return order;
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
