package org.parley.history.service.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void a_broker_whose_port_is_taken_fails_to_start_and_leaves_no_thread_behind_that_would_keep_the_jvm_alive()
            throws Exception {
        Set<Thread> before = liveNonDaemonThreads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("localhost"))) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.plaintext(dir, taken.getLocalPort());

            assertThatThrownBy(broker::start).hasStackTraceContaining("Address already in use");
        }
        // A stopped thread may take a moment to end; one that would keep the JVM alive never does.
        Awaitility.await("the broker's threads to end")
                .atMost(Duration.ofSeconds(10))
                // Awaitility's own polling thread would be counted as one left behind.
                .pollInSameThread()
                .untilAsserted(() -> assertThat(liveNonDaemonThreads().stream()
                                .filter(thread -> !before.contains(thread))
                                .map(Thread::getName)
                                .collect(Collectors.toSet()))
                        .isEmpty());
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .collect(Collectors.toSet());
    }
}
