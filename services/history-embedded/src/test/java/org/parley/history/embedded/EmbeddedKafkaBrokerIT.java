package org.parley.history.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
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
        // The broker's threads end as they notice the shutdown; the ones that never would keep the JVM alive.
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(threadsStartedSince(before)).isEmpty());
    }

    private static Set<String> threadsStartedSince(Set<Thread> before) {
        return liveNonDaemonThreads().stream()
                .filter(thread -> !before.contains(thread))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private static Set<Thread> liveNonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .collect(Collectors.toSet());
    }
}
