package org.parley.history.benchmarks.faults;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a scenario found after its fault, straight from the stores rather than through Parley: the ledger's rows in
 * PostgreSQL, the records on the ledger topic, the read model's tables. "Lost" is measured against the writes the
 * clients saw acknowledged.
 */
final class Evidence {

    /** One ledger row: its aggregate and sequence, and the entity it wrote (the account, or the aggregate). */
    record LedgerRow(String aggregate, long sequence, String entity) {}

    private Evidence() {}

    /** What a scenario found: the ledger, the topic, and what was lost where. */
    record Found(
            Map<String, LedgerRow> ledger,
            Topic topic,
            int lostOnTheLedger,
            int lostOnTheTopic,
            int lostInTheReadModel,
            int writtenTwice) {}

    /** Reads the ledger, then the topic (until it holds every ledger event), then the read model. */
    static Found found(
            String url,
            String user,
            String password,
            String bootstrapServers,
            String topicName,
            Map<String, String> acknowledged,
            Duration topicTimeout)
            throws SQLException, InterruptedException {
        Map<String, LedgerRow> ledger = ledger(url, user, password);
        Topic topic = topic(bootstrapServers, topicName, ledger, topicTimeout);
        return new Found(
                ledger,
                topic,
                lostOnTheLedger(acknowledged, ledger),
                topic.missingOf(ledger.keySet()),
                lostInTheReadModel(url, user, password, acknowledged, Duration.ofSeconds(120)),
                writtenTwice(ledger));
    }

    /** Every ledger event by its identifier, the topic's {@code ce_id}. */
    static Map<String, LedgerRow> ledger(String url, String user, String password) throws SQLException {
        Map<String, LedgerRow> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT event_identifier, aggregate_identifier,"
                        + " sequence_number, coalesce(convert_from(payload, 'UTF8')::jsonb ->> 'accountId',"
                        + " aggregate_identifier) FROM domain_event_entry")) {
            while (result.next()) {
                rows.put(
                        result.getString(1),
                        new LedgerRow(result.getString(2), result.getLong(3), result.getString(4)));
            }
        }
        return rows;
    }

    /** Acknowledged writes that are not on the ledger. */
    static int lostOnTheLedger(Map<String, String> acknowledged, Map<String, LedgerRow> ledger) {
        Set<String> written = new HashSet<>();
        ledger.values().forEach(row -> written.add(row.entity()));
        return (int) acknowledged.keySet().stream()
                .filter(entity -> !written.contains(entity))
                .count();
    }

    /** Entities written more than once (one write acknowledged, then sent again and written again). */
    static int writtenTwice(Map<String, LedgerRow> ledger) {
        Map<String, Integer> times = new HashMap<>();
        ledger.values().forEach(row -> times.merge(row.entity(), 1, Integer::sum));
        return (int) times.values().stream().filter(count -> count > 1).count();
    }

    /** Acknowledged writes the read model does not hold after waiting up to {@code timeout} for it. */
    static int lostInTheReadModel(
            String url, String user, String password, Map<String, String> acknowledged, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> missing;
        do {
            Set<String> held = new HashSet<>();
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT source_id FROM read_source UNION ALL"
                            + " SELECT account_id FROM read_account_fact WHERE fact_kind = 'RECORDED'")) {
                while (result.next()) {
                    held.add(result.getString(1));
                }
            }
            missing = new HashSet<>(acknowledged.keySet());
            missing.removeAll(held);
            if (!missing.isEmpty()) {
                Thread.sleep(250);
            }
        } while (!missing.isEmpty() && System.nanoTime() < deadline);
        return missing.size();
    }

    /** What the ledger topic holds: how often each {@code ce_id} came, and whether each key kept ledger order. */
    record Topic(Map<String, Integer> times, boolean inLedgerOrder, long completeAt) {
        int missingOf(Set<String> ledger) {
            return (int) ledger.stream().filter(id -> !times.containsKey(id)).count();
        }

        int redelivered() {
            return times.values().stream().mapToInt(count -> count - 1).sum();
        }

        /** Redeliveries (at least once: the same ce_id again) and, should it ever happen, broken order. */
        String note() {
            return redelivered() + " records sent twice, same ce_id" + (inLedgerOrder ? "" : ", ORDER BROKEN");
        }
    }

    /**
     * Reads the topic from the beginning until every ledger event is on it (or the timeout passes); completeAt is
     * the System.nanoTime at which the last missing one arrived (0 when some never did).
     */
    static Topic topic(String bootstrapServers, String topic, Map<String, LedgerRow> ledger, Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> times = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        boolean ordered = true;
        long completeAt = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions;
            List<PartitionInfo> infos;
            do {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            } while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline);
            partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (completeAt == 0 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header header = record.headers().lastHeader("ce_id");
                    String id = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
                    if (times.merge(id, 1, Integer::sum) > 1) {
                        continue;
                    }
                    LedgerRow row = ledger.get(id);
                    if (row != null) {
                        Long previous = lastSequence.put(record.key(), row.sequence());
                        ordered &= previous == null || previous < row.sequence();
                    }
                }
                if (times.keySet().containsAll(ledger.keySet())) {
                    completeAt = System.nanoTime();
                }
            }
        }
        return new Topic(times, ordered, completeAt);
    }
}
