package org.parley.history.service.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failures of one scope (an account from an address, an address, an account) in a sliding window: at most
 * {@code limit} failures per key within {@code window}. A key that reached the limit is refused until its oldest
 * failure in the window ages out, so the steady rate a guesser gets is {@code limit} per window.
 *
 * <p>Keys come from whoever calls, so the map is bounded: when full, expired keys go first, then arbitrary ones. An
 * attacker able to fill it would need {@code capacity} distinct keys within one window, each of which the other
 * scopes still count.
 */
final class FailureWindows {

    private final Duration window;
    private final int limit;
    private final int capacity;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    FailureWindows(Duration window, int limit, int capacity) {
        if (limit < 1 || capacity < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a throttle needs a positive window, limit and capacity");
        }
        this.window = window;
        this.limit = limit;
        this.capacity = capacity;
    }

    int limit() {
        return limit;
    }

    /** How long this key must wait before it may try again; zero when it may try now. */
    Duration blockedFor(String key, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Duration.ZERO;
            }
            return Duration.between(now, times.peekFirst().plus(window));
        }
    }

    /** Counts a failure; returns how many the key has in the window now, this one included. */
    int record(String key, Instant now) {
        if (!failures.containsKey(key) && failures.size() >= capacity) {
            makeRoom(now);
        }
        Deque<Instant> times = failures.computeIfAbsent(key, ignored -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
            // Only the newest 'limit' failures decide when the key may try again.
            while (times.size() > limit) {
                times.removeFirst();
            }
            return times.size();
        }
    }

    void forget(String key) {
        failures.remove(key);
    }

    int size() {
        return failures.size();
    }

    private void prune(Deque<Instant> times, Instant now) {
        Instant horizon = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.removeFirst();
        }
    }

    private void makeRoom(Instant now) {
        Instant horizon = now.minus(window);
        failures.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                Instant newest = entry.getValue().peekLast();
                return newest == null || !newest.isAfter(horizon);
            }
        });
        // Still full of live keys: drop a tenth, so the next inserts do not each pay for a full sweep.
        int excess = failures.size() - capacity + Math.max(1, capacity / 10);
        Iterator<String> keys = failures.keySet().iterator();
        while (excess-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
