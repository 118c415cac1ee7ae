package org.parley.history.service.narratives.read;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.history.service.narratives.read.NarrativeChangeFeed.FeedEntry;
import org.parley.history.service.narratives.read.NarrativeChangeFeed.NarrativeChangePage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Pushes the narrative change feed to whoever is watching a narrative (the page's live notice, {@code parley
 * follow}). One thread looks at the feed's head and, only when it moved, reads each subscriber's changes after its
 * own position: the feed is the one place changes are kept, so a subscriber that fell behind or came back with the
 * position it last saw gets exactly what it missed, in order, and nothing twice.
 */
@Service
public class NarrativeChangeSubscriptions implements SmartLifecycle {

    /** Where changes go; a sink that throws is dropped (its client went away). */
    public interface ChangeSink {
        void send(FeedEntry entry) throws Exception;

        /** Called on every quiet poll interval's multiple, so that a dead connection is found and a proxy keeps it. */
        void heartbeat() throws Exception;

        /** The service is stopping: end the stream, so that the client reconnects (to another instance) at once. */
        void end();
    }

    /** A subscription to close when its client goes away. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private static final Logger LOG = LoggerFactory.getLogger(NarrativeChangeSubscriptions.class);
    private static final int PAGE = 200;

    private final NarrativeChangeFeed feed;
    private final JdbcTemplate jdbc;
    private final Duration pollInterval;
    private final int heartbeatEvery;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService poller;
    private volatile long head = -1;
    private long ticks;

    NarrativeChangeSubscriptions(
            NarrativeChangeFeed feed,
            JdbcTemplate jdbc,
            @Value("${parley.narratives.live.poll-interval:500ms}") String pollInterval,
            @Value("${parley.narratives.live.heartbeat:15s}") String heartbeatInterval) {
        this.feed = feed;
        this.jdbc = jdbc;
        // parsed here rather than converted by the context, so that the read model's test slice (a plain context,
        // without Boot's conversion service) can hold this bean too
        this.pollInterval = DurationStyle.detectAndParse(pollInterval);
        Duration heartbeat = DurationStyle.detectAndParse(heartbeatInterval);
        this.heartbeatEvery = (int) Math.max(1, heartbeat.toMillis() / Math.max(1, this.pollInterval.toMillis()));
    }

    /**
     * Sends the changes of one narrative (all-sources included) after a feed position, then each new one as it is
     * found. The backlog goes out on the poller's thread like everything else, so that a change is never sent
     * between two backlog pages out of order.
     */
    public Subscription subscribe(String narrativeId, long after, ChangeSink sink) {
        Subscriber subscriber = new Subscriber(narrativeId, after, sink);
        subscribers.add(subscriber);
        poller.execute(() -> deliver(subscriber));
        return () -> subscribers.remove(subscriber);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private void poll() {
        try {
            boolean beat = ++ticks % heartbeatEvery == 0;
            if (subscribers.isEmpty()) {
                return;
            }
            Long now = jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM narrative_change", Long.class);
            boolean moved = now != null && now != head;
            head = now == null ? head : now;
            for (Subscriber subscriber : subscribers) {
                if (moved) {
                    deliver(subscriber);
                } else if (beat) {
                    try {
                        subscriber.sink.heartbeat();
                    } catch (Exception gone) {
                        subscribers.remove(subscriber);
                    }
                }
            }
        } catch (RuntimeException e) {
            // the database away: subscribers keep their positions and get what they missed when it is back
            LOG.debug("Narrative changes not looked at: {}", e.toString());
        }
    }

    private void deliver(Subscriber subscriber) {
        try {
            while (subscribers.contains(subscriber)) {
                NarrativeChangePage page = feed.after(subscriber.narrativeId, subscriber.position, PAGE);
                for (FeedEntry entry : page.changes()) {
                    subscriber.sink.send(entry);
                    subscriber.position = entry.position();
                }
                if (page.nextPage() == null) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Narrative changes not delivered yet: {}", e.toString());
        } catch (Exception gone) {
            subscribers.remove(subscriber);
        }
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "narrative-live");
            thread.setDaemon(true);
            return thread;
        });
        long millis = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        // an open stream would hold the graceful shutdown for its whole timeout
        for (Subscriber subscriber : subscribers) {
            subscriber.sink.end();
        }
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    private static final class Subscriber {
        private final String narrativeId;
        private final ChangeSink sink;
        private volatile long position;

        private Subscriber(String narrativeId, long position, ChangeSink sink) {
            this.narrativeId = narrativeId;
            this.position = position;
            this.sink = sink;
        }
    }
}
