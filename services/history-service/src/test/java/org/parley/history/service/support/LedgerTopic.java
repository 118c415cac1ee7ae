package org.parley.history.service.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.parley.history.consumer.LedgerMessage;
import org.parley.history.consumer.LedgerMessageReader;

/**
 * Reads {@code parley.ledger.v1} as a newsroom would: every partition, from the beginning or from a timestamp,
 * through the consumer library. The topic holds what every test wrote, so tests pick their own records out.
 */
public final class LedgerTopic implements AutoCloseable {

    public static final String NAME = "parley.ledger.v1";

    /** One record as received: its partition and offset, key, headers as text, and what the library made of it. */
    public record Received(
            int partition,
            long offset,
            long timestamp,
            String key,
            Map<String, String> headers,
            LedgerMessage message) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final LedgerMessageReader reader = new LedgerMessageReader();
    private final List<Received> received = new ArrayList<>();

    private LedgerTopic(String bootstrapServers, Instant from, Map<String, Object> clientSettings) {
        this(NAME, bootstrapServers, from, clientSettings);
    }

    private LedgerTopic(String topic, String bootstrapServers, Instant from, Map<String, Object> clientSettings) {
        this.topic = topic;
        Properties config = new Properties();
        config.putAll(clientSettings);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        if (from == null) {
            consumer.seekToBeginning(partitions);
        } else {
            // The ends first: a partition with no record at or after 'from' yet starts at the end it had then, so a
            // record that arrives meanwhile is not skipped.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(partition -> times.put(partition, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
            partitions.forEach(partition -> {
                OffsetAndTimestamp offset = offsets.get(partition);
                consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
            });
        }
    }

    /** The topic's partitions, once the service has created it (it does so at start, or before its first send). */
    private List<TopicPartition> partitions() {
        return Awaitility.await("the partitions of " + topic)
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                                .map(info -> new TopicPartition(topic, info.partition()))
                                .toList(),
                        partitions -> !partitions.isEmpty());
    }

    public static LedgerTopic fromBeginning() {
        return fromBeginning(TestKafka.broker().bootstrapServers());
    }

    public static LedgerTopic fromBeginning(String bootstrapServers) {
        return fromBeginning(bootstrapServers, Map.of());
    }

    /** With client settings of its own, e.g. SASL credentials. */
    public static LedgerTopic fromBeginning(String bootstrapServers, Map<String, Object> clientSettings) {
        return new LedgerTopic(bootstrapServers, null, clientSettings);
    }

    /** A ledger topic of another name, on the test broker (an instance given a topic of its own). */
    public static LedgerTopic fromBeginningOf(String topic) {
        return new LedgerTopic(topic, TestKafka.broker().bootstrapServers(), null, Map.of());
    }

    public static LedgerTopic fromTimestamp(Instant from) {
        return new LedgerTopic(TestKafka.broker().bootstrapServers(), from, Map.of());
    }

    /**
     * Polls until {@code count} records that match have arrived (or the timeout passes), and returns every matching
     * record received so far, in the order of each partition.
     */
    public List<Received> await(Predicate<Received> matching, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matches(matching).size() < count && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return matches(matching);
    }

    /** Polls until {@code count} distinct events (by {@code ce_id}) that match have arrived, duplicates aside. */
    public List<Received> awaitDistinct(Predicate<Received> matching, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matches(matching).stream()
                                .map(record -> record.header("ce_id"))
                                .distinct()
                                .count()
                        < count
                && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return matches(matching);
    }

    /** Polls until what matches satisfies {@code done} (or the timeout passes). */
    public List<Received> awaitUntil(Predicate<Received> matching, Predicate<List<Received>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(matches(matching)) && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return matches(matching);
    }

    /** Polls for a while longer, to see that nothing more (e.g. no record of an earlier time) arrives. */
    public List<Received> drain(Predicate<Received> matching, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return matches(matching);
    }

    /** Matching records grouped by key, each key's in the order its partition holds them. */
    public static Map<String, List<Received>> byKey(List<Received> records) {
        Map<String, List<Received>> byKey = new LinkedHashMap<>();
        for (Received record : records) {
            byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record);
        }
        return byKey;
    }

    public static Predicate<Received> subjectIn(java.util.Collection<String> subjects) {
        return record -> subjects.contains(record.header("ce_subject"));
    }

    private List<Received> matches(Predicate<Received> matching) {
        return received.stream().filter(matching).toList();
    }

    private void poll(Duration duration) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(duration)) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            received.add(new Received(
                    record.partition(),
                    record.offset(),
                    record.timestamp(),
                    record.key(),
                    headers,
                    reader.read(record.headers(), record.value())));
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
