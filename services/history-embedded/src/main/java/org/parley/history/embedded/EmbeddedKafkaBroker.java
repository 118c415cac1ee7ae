package org.parley.history.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real Kafka broker in this JVM: one KRaft node that is both controller and broker, from the Apache Kafka
 * artifacts on Maven Central. Its log directory is formatted on first start and reused after, so the topics survive
 * a restart like any broker's. It can be stopped and started again on the same port and directory, which is how the
 * tests cut Kafka off under a running service.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    /** A SCRAM user to create when the log directory is formatted (KRaft keeps credentials in its metadata log). */
    public record ScramUser(String name, String password) {}

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final int nodeId;
    private final String quorumVoters;
    private final String clusterId;
    private final List<ScramUser> scramUsers;
    private final Map<String, String> overrides;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, int port, List<ScramUser> scramUsers, Map<String, String> overrides) {
        this.logDir = logDir.toAbsolutePath();
        this.port = port == 0 ? freePort() : port;
        this.controllerPort = freePort();
        this.nodeId = 1;
        this.quorumVoters = "1@localhost:" + controllerPort;
        this.clusterId = Uuid.randomUuid().toString();
        this.scramUsers = List.copyOf(scramUsers);
        this.overrides = Map.copyOf(overrides);
    }

    /** One node of a quorum: see {@link EmbeddedKafkaCluster}, which hands every node the same voters and id. */
    EmbeddedKafkaBroker(
            Path logDir,
            int nodeId,
            int port,
            int controllerPort,
            String quorumVoters,
            String clusterId,
            Map<String, String> overrides) {
        this.logDir = logDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.nodeId = nodeId;
        this.quorumVoters = quorumVoters;
        this.clusterId = clusterId;
        this.scramUsers = List.of();
        this.overrides = Map.copyOf(overrides);
    }

    /** A plaintext broker on {@code port} (0 picks a free one) keeping its data in {@code logDir}. */
    public static EmbeddedKafkaBroker plaintext(Path logDir, int port) {
        return new EmbeddedKafkaBroker(logDir, port, List.of(), Map.of());
    }

    /**
     * A broker whose client listener asks for SASL/SCRAM-SHA-256 ({@code SASL_PLAINTEXT}); the controller listener
     * stays internal and plaintext. The first user is the broker's own, for the connections it makes to itself.
     */
    public static EmbeddedKafkaBroker scram(Path logDir, int port, List<ScramUser> users) {
        ScramUser broker = users.get(0);
        return new EmbeddedKafkaBroker(
                logDir,
                port,
                users,
                Map.of(
                        "listener.security.protocol.map",
                        "CONTROLLER:PLAINTEXT,CLIENT:SASL_PLAINTEXT",
                        "sasl.enabled.mechanisms",
                        "SCRAM-SHA-256",
                        "sasl.mechanism.inter.broker.protocol",
                        "SCRAM-SHA-256",
                        "listener.name.client.scram-sha-256.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + broker.name()
                                + "\" password=\"" + broker.password() + "\";"));
    }

    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka log directory " + logDir, e);
        }
        KafkaConfig config = KafkaConfig.fromProps(properties(), false);
        format(config);
        KafkaRaftServer raft = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raft.startup();
        } catch (RuntimeException e) {
            // A broker that failed half-way (its port taken, say) still runs its controller's threads, which are
            // not daemons: stop them, or the service that failed to start would never exit.
            try {
                raft.shutdown();
                raft.awaitShutdown();
            } catch (RuntimeException whileStopping) {
                e.addSuppressed(whileStopping);
            }
            throw e;
        }
        server = raft;
        return this;
    }

    /** Stops the broker, keeping its data; {@link #start()} brings it back on the same port. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    public int nodeId() {
        return nodeId;
    }

    public synchronized boolean running() {
        return server != null;
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", Integer.toString(nodeId));
        properties.put("controller.quorum.voters", quorumVoters);
        properties.put("listeners", "CLIENT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        properties.put("advertised.listeners", "CLIENT://localhost:" + port);
        properties.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,CLIENT:PLAINTEXT");
        properties.put("inter.broker.listener.name", "CLIENT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("log.dirs", logDir.toString());
        // One node: every internal topic has one replica, and a write is durable once this node has it.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "false");
        properties.put("num.network.threads", "2");
        properties.put("num.io.threads", "2");
        properties.put("log.flush.interval.messages", "1");
        properties.putAll(overrides);
        return properties;
    }

    /** Formats the log directory on first start only: a formatted one keeps its cluster id and its data. */
    private void format(KafkaConfig config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        List<String> scramArguments = new ArrayList<>();
        for (ScramUser user : scramUsers) {
            scramArguments.add("SCRAM-SHA-256=[name=" + user.name() + ",password=" + user.password() + "]");
        }
        try {
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setIgnoreFormatted(true)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setScramArguments(scramArguments)
                    .addDirectory(logDir.toString());
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
