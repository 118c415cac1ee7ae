package org.parley.history.service.web;

import java.io.IOException;
import java.time.Duration;
import org.parley.history.service.commands.EntityKind;
import org.parley.history.service.commands.LedgerLookup;
import org.parley.history.service.narratives.read.NarrativeChangeFeed.FeedEntry;
import org.parley.history.service.narratives.read.NarrativeChangeSubscriptions;
import org.parley.history.service.readmodel.TimeBound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A narrative's changes pushed as server-sent events, for the API and for the workbench's live notice alike: each
 * event is named {@value #EVENT_NAME}, its id the feed position, its data one entry of the feed.
 */
@Component
public class NarrativeChangeEvents {

    public static final String EVENT_NAME = "narrative-change";

    private static final String ALL_SOURCES = "all-sources";

    private final LedgerLookup ledger;
    private final NarrativeChangeSubscriptions subscriptions;
    private final Duration timeout;

    NarrativeChangeEvents(
            LedgerLookup ledger,
            NarrativeChangeSubscriptions subscriptions,
            @Value("${parley.narratives.live.timeout:30m}") Duration timeout) {
        this.ledger = ledger;
        this.subscriptions = subscriptions;
        this.timeout = timeout;
    }

    /**
     * The changes after a feed position, then each new one as it is found, until the client leaves, the timeout
     * passes or Parley stops.
     *
     * @param field the parameter the position came from, named in a refusal
     */
    public SseEmitter open(String narrativeId, long after, String field) {
        requireKnownNarrative(narrativeId);
        if (after < 0) {
            throw TimeBound.invalid(field, "must be 0 or more");
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        NarrativeChangeSubscriptions.Subscription subscription =
                subscriptions.subscribe(narrativeId, after, new NarrativeChangeSubscriptions.ChangeSink() {
                    @Override
                    public void send(FeedEntry entry) throws IOException {
                        emitter.send(SseEmitter.event()
                                .id(Long.toString(entry.position()))
                                .name(EVENT_NAME)
                                .data(entry, MediaType.APPLICATION_JSON));
                    }

                    @Override
                    public void heartbeat() throws IOException {
                        emitter.send(SseEmitter.event().comment("still here"));
                    }

                    @Override
                    public void end() {
                        emitter.complete();
                    }
                });
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(error -> subscription.close());
        return emitter;
    }

    /**
     * The ledger, not the read model, says whether a narrative exists: one defined a moment ago has no changes found
     * yet, but it is not unknown.
     */
    public void requireKnownNarrative(String narrativeId) {
        RequestMetadata.requireId(narrativeId, "narrativeId");
        if (!ALL_SOURCES.equals(narrativeId) && !ledger.exists(EntityKind.NARRATIVE, narrativeId)) {
            throw new ErrorResponseException(
                    HttpStatus.NOT_FOUND,
                    Problems.problem(
                            HttpStatus.NOT_FOUND,
                            "not-found",
                            "Not found",
                            "no narrative '" + narrativeId + "'",
                            "narrativeId"),
                    null);
        }
    }
}
