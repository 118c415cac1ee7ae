package org.parley.history.service.readmodel;

import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * What every read question starts with: a version of the read model that answers, and the times it is asked at
 * read. The version that answered stays with the thread until the response is written, which names it.
 */
@Component
public class ReadQuestions {

    private static final ThreadLocal<Integer> ANSWERING = new ThreadLocal<>();

    private final ReadModelRebuild readModel;
    private final Clock clock;

    ReadQuestions(ReadModelRebuild readModel, Clock clock) {
        this.readModel = readModel;
        this.clock = clock;
    }

    /** Refuses only while no version answers yet (a first build), then reads the two times. */
    public ReadWindow window(String asOf, String recordedAsOf) {
        requireAnswering();
        return new ReadWindow(
                TimeBound.parse("asOf", asOf, clock.instant()),
                TimeBound.parse("recordedAsOf", recordedAsOf, clock.instant()));
    }

    public TimeBound time(String field, String text) {
        return TimeBound.parse(field, text, clock.instant());
    }

    public void requireAnswering() {
        ANSWERING.set(readModel.answeringVersion());
    }

    /**
     * The version that answered the question this thread is answering, null if none was asked for; forgotten as it
     * is told, so that the thread's next request starts without it.
     */
    public static Integer takeAnsweringVersion() {
        Integer version = ANSWERING.get();
        ANSWERING.remove();
        return version;
    }
}
