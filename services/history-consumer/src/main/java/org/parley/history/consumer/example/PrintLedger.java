package org.parley.history.consumer.example;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.parley.history.consumer.LedgerMessage;
import org.parley.history.consumer.LedgerMessageDeserializer;
import org.parley.history.contract.event.AccountRecorded;

/**
 * An example newsroom consumer: prints every ledger event from the beginning, or from a moment on, and then follows
 * the ledger as it grows.
 *
 * <pre>
 * java -cp ... org.parley.history.consumer.example.PrintLedger localhost:59092               # from the beginning
 * java -cp ... org.parley.history.consumer.example.PrintLedger localhost:59092 2026-11-23T12:00:00Z
 * </pre>
 *
 * It assigns itself every partition and keeps no committed offsets; a real consumer would use a group id and commit,
 * and de-duplicate on {@link LedgerMessage#id()} (delivery is at least once).
 */
public final class PrintLedger {

    private PrintLedger() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: PrintLedger BOOTSTRAP_SERVERS [FROM_INSTANT] (topic: parley.ledger.v1)");
            System.exit(2);
        }
        String topic = System.getProperty("parley.topic", "parley.ledger.v1");
        Instant from = args.length > 1 ? Instant.parse(args[1]) : null;
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, LedgerMessageDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, LedgerMessage> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition()))
                    .toList();
            consumer.assign(partitions);
            seek(consumer, partitions, from);
            while (true) {
                for (ConsumerRecord<String, LedgerMessage> record : consumer.poll(Duration.ofSeconds(1))) {
                    System.out.println(describe(record.value()));
                }
            }
        }
    }

    /** From the beginning, or from the first record each partition took at or after {@code from}. */
    static void seek(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Instant from) {
        if (from == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        // The ends first: a partition with no record at or after 'from' yet starts at the end it had then, so that a
        // record arriving between the two look-ups is not skipped.
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        partitions.forEach(partition -> timestamps.put(partition, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(timestamps);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
        }
    }

    static String describe(LedgerMessage message) {
        String line = "#" + message.sequence() + " " + message.type() + " " + message.subject() + " recorded "
                + message.recordedTime() + " (id " + message.id() + ")";
        if (message.event() instanceof AccountRecorded account) {
            line += ": account " + account.accountId() + " citing "
                    + account.citation().sourceId();
        }
        return line;
    }
}
