package org.parley.history.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureWindowsTest {

    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void a_key_below_its_limit_may_try() {
        FailureWindows windows = new FailureWindows(Duration.ofMinutes(1), 3, 100);
        windows.record("k", START);
        windows.record("k", START);

        assertThat(windows.blockedFor("k", START)).isZero();
        assertThat(windows.blockedFor("never-failed", START)).isZero();
    }

    @Test
    void a_key_at_its_limit_waits_until_its_oldest_failure_is_a_window_old() {
        FailureWindows windows = new FailureWindows(Duration.ofMinutes(1), 3, 100);
        windows.record("k", START);
        windows.record("k", START.plusSeconds(10));
        windows.record("k", START.plusSeconds(20));

        assertThat(windows.blockedFor("k", START.plusSeconds(20))).isEqualTo(Duration.ofSeconds(40));
        assertThat(windows.blockedFor("k", START.plusSeconds(59))).isEqualTo(Duration.ofSeconds(1));
        assertThat(windows.blockedFor("k", START.plusSeconds(60))).isZero();
    }

    @Test
    void failures_older_than_the_window_do_not_count() {
        FailureWindows windows = new FailureWindows(Duration.ofMinutes(1), 3, 100);
        windows.record("k", START);
        windows.record("k", START.plusSeconds(1));

        // At START + 60 s the first is a whole window old; the second is not yet.
        assertThat(windows.record("k", START.plusSeconds(60))).isEqualTo(2);
    }

    @Test
    void a_full_map_drops_expired_keys_first_and_stays_within_its_capacity() {
        FailureWindows windows = new FailureWindows(Duration.ofMinutes(1), 3, 10);
        for (int i = 0; i < 5; i++) {
            windows.record("old-" + i, START);
        }
        Instant later = START.plusSeconds(120);
        for (int i = 0; i < 5; i++) {
            windows.record("live-" + i, later);
        }
        windows.record("live-5", later);

        assertThat(windows.size()).isEqualTo(6);
        for (int i = 0; i < 1_000; i++) {
            windows.record("flood-" + i, later);
        }
        assertThat(windows.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void a_forgotten_key_starts_again() {
        FailureWindows windows = new FailureWindows(Duration.ofMinutes(1), 2, 100);
        windows.record("k", START);
        windows.record("k", START);
        windows.forget("k");

        assertThat(windows.blockedFor("k", START)).isZero();
    }

    @Test
    void a_throttle_without_a_limit_is_refused_at_start() {
        assertThatThrownBy(() -> new FailureWindows(Duration.ofMinutes(1), 0, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
