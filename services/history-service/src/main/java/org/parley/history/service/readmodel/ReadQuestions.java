package org.parley.history.service.readmodel;

import java.time.Clock;
import org.springframework.stereotype.Component;

/** What every read question starts with: the read model current, and the times it is asked at read. */
@Component
public class ReadQuestions {

    private final ReadModelRebuild readModel;
    private final Clock clock;

    ReadQuestions(ReadModelRebuild readModel, Clock clock) {
        this.readModel = readModel;
        this.clock = clock;
    }

    /** Refuses while the read model is being rebuilt, then reads the two times. */
    public ReadWindow window(String asOf, String recordedAsOf) {
        readModel.requireCurrent();
        return new ReadWindow(
                TimeBound.parse("asOf", asOf, clock.instant()),
                TimeBound.parse("recordedAsOf", recordedAsOf, clock.instant()));
    }

    public TimeBound time(String field, String text) {
        return TimeBound.parse(field, text, clock.instant());
    }

    public void requireCurrent() {
        readModel.requireCurrent();
    }
}
