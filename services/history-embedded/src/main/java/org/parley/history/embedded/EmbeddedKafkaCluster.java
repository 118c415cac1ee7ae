package org.parley.history.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * Three real KRaft nodes in this JVM, each broker and controller, with a three-voter quorum: a cluster that keeps
 * going when any one node dies. Internal topics get three replicas and a min ISR of two, as on a production cluster.
 * A node is stopped without controlled shutdown, so the controller learns of its death only when its broker session
 * times out, and its partitions keep it as their leader until then: the way a {@code kill -9} looks from outside.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    public static final int SIZE = 3;

    private final List<EmbeddedKafkaBroker> nodes;

    private EmbeddedKafkaCluster(List<EmbeddedKafkaBroker> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Three nodes on free ports, node {@code n} keeping its data in {@code dir/node-n}. */
    public static EmbeddedKafkaCluster of(Path dir) {
        List<Integer> ports = IntStream.range(0, SIZE)
                .map(i -> EmbeddedKafkaBroker.freePort())
                .boxed()
                .toList();
        List<Integer> controllerPorts = IntStream.range(0, SIZE)
                .map(i -> EmbeddedKafkaBroker.freePort())
                .boxed()
                .toList();
        String voters = IntStream.range(0, SIZE)
                .mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        Map<String, String> replicated = Map.of(
                "offsets.topic.replication.factor", "3",
                "transaction.state.log.replication.factor", "3",
                "transaction.state.log.min.isr", "2",
                "default.replication.factor", "3",
                "min.insync.replicas", "2",
                "controlled.shutdown.enable", "false");
        List<EmbeddedKafkaBroker> nodes = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            nodes.add(new EmbeddedKafkaBroker(
                    dir.resolve("node-" + (i + 1)),
                    i + 1,
                    ports.get(i),
                    controllerPorts.get(i),
                    voters,
                    clusterId,
                    replicated));
        }
        return new EmbeddedKafkaCluster(nodes);
    }

    /**
     * Starts every node that is not running. All at once: a node's startup waits for a quorum of controllers, which
     * one node alone never has.
     */
    public EmbeddedKafkaCluster start() {
        onEveryNode(EmbeddedKafkaBroker::start);
        return this;
    }

    /** Node {@code nodeId} (1 to 3). */
    public EmbeddedKafkaBroker node(int nodeId) {
        return nodes.get(nodeId - 1);
    }

    /** Stops node {@code nodeId} at once, without handing its partitions over first. */
    public void kill(int nodeId) {
        node(nodeId).stop();
    }

    /** Every node's client address, the way a client is given a cluster. */
    public String bootstrapServers() {
        return nodes.stream().map(EmbeddedKafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    @Override
    public void close() {
        onEveryNode(EmbeddedKafkaBroker::stop);
    }

    /** A thread per node, not the common pool: on a small machine that has one thread, and one node would wait. */
    private void onEveryNode(Consumer<EmbeddedKafkaBroker> action) {
        ExecutorService threads = Executors.newFixedThreadPool(SIZE);
        try {
            CompletableFuture.allOf(nodes.stream()
                            .map(node -> CompletableFuture.runAsync(() -> action.accept(node), threads))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } finally {
            threads.shutdown();
        }
    }
}
