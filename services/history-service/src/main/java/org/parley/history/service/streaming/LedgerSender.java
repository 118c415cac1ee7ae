package org.parley.history.service.streaming;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends one ledger record and waits until Kafka has it (acks=all, idempotent producer): the publisher's position
 * may only pass an event that Kafka has acknowledged. Tells a record that Kafka refuses as such apart from Kafka
 * being unreachable, because only the first may ever be set aside.
 */
@Component
class LedgerSender {

    /** Kafka could not be reached, or did not answer in time: try again later, never skip. */
    static final class StreamUnavailable extends RuntimeException {
        StreamUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Kafka refused this record itself; sending it again will not change that. */
    static final class RecordRefused extends Exception {
        RecordRefused(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final KafkaTemplate<String, byte[]> kafka;
    private final KafkaAdmin admin;
    private final StreamSettings settings;
    private final Timer sendTimer;
    private volatile boolean topicsReady;

    LedgerSender(KafkaTemplate<String, byte[]> kafka, KafkaAdmin admin, StreamSettings settings, MeterRegistry meters) {
        this.kafka = kafka;
        this.admin = admin;
        this.settings = settings;
        this.sendTimer = Timer.builder("parley.stream.send")
                .description("Time from handing a ledger event to Kafka to its acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    void send(LedgerRecord record) throws RecordRefused {
        send(record.toProducerRecord(settings.ledger().name(), settings));
    }

    /** Sends any record this service publishes, and waits for Kafka's acknowledgement. */
    void send(ProducerRecord<String, byte[]> record) throws RecordRefused {
        InFlight<ProducerRecord<String, byte[]>> one = inFlight();
        one.send(record, record);
        RecordRefused refused = one.await().get(record);
        if (refused != null) {
            throw refused;
        }
    }

    /** Records to send without waiting for each, then to await together: see {@link InFlight}. */
    <T> InFlight<T> inFlight() {
        return new InFlight<>();
    }

    /**
     * Records handed to Kafka one after the other without waiting, then awaited together: many are in flight at once,
     * and the idempotent producer (up to 5 requests in flight per connection) keeps each partition, so each key, in
     * the order sent. Whoever moves a position past these records must {@link #await} them first.
     *
     * @param <T> what the caller sent, to tell which records Kafka refused
     */
    final class InFlight<T> {
        private final List<T> sent = new ArrayList<>();
        private final List<CompletableFuture<SendResult<String, byte[]>>> answers = new ArrayList<>();

        void send(LedgerRecord record, T what) {
            send(record.toProducerRecord(settings.ledger().name(), settings), what);
        }

        void send(ProducerRecord<String, byte[]> record, T what) {
            ensureTopics();
            long started = System.nanoTime();
            CompletableFuture<SendResult<String, byte[]>> answer;
            try {
                answer = kafka.send(record);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.thenRun(() -> sendTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
            sent.add(what);
            answers.add(answer);
        }

        /** What was sent, in the order sent. */
        List<T> sent() {
            return List.copyOf(sent);
        }

        /**
         * Waits until Kafka has acknowledged or refused every record, and answers the refused ones (in the order
         * sent) with Kafka's reason. Throws {@link StreamUnavailable} when a record could not be delivered at all: then
         * none of them may count as published.
         */
        Map<T, RecordRefused> await() {
            long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
            Map<T, RecordRefused> refused = new LinkedHashMap<>();
            for (int i = 0; i < answers.size(); i++) {
                CompletableFuture<SendResult<String, byte[]>> answer = answers.get(i);
                try {
                    answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StreamUnavailable("interrupted while waiting for Kafka", e);
                } catch (TimeoutException e) {
                    throw new StreamUnavailable("Kafka did not acknowledge within " + settings.sendTimeout(), e);
                } catch (ExecutionException e) {
                    try {
                        throw classify(e.getCause());
                    } catch (RecordRefused refusal) {
                        refused.put(sent.get(i), refusal);
                    }
                }
            }
            return refused;
        }
    }

    /**
     * The topics are created at start when Kafka is there; when it was not, they are created before the first
     * send, so that a broker that creates topics on demand never gives the ledger topic its own defaults.
     */
    private void ensureTopics() {
        if (!topicsReady) {
            if (!admin.initialize()) {
                throw new StreamUnavailable("could not create or check the topics", null);
            }
            topicsReady = true;
        }
    }

    private static StreamUnavailable classify(Throwable failure) throws RecordRefused {
        Throwable cause = failure;
        while (cause instanceof KafkaException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException
                || cause instanceof SerializationException) {
            throw new RecordRefused(cause);
        }
        return new StreamUnavailable("Kafka did not take the record: " + cause, cause);
    }
}
