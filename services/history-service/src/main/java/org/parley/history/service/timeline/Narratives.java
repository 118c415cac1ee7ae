package org.parley.history.service.timeline;

import java.util.ArrayList;
import java.util.List;
import org.parley.history.contract.value.NarrativeSelection;
import org.springframework.stereotype.Service;

/** The narratives an analyst can ask about. */
@Service
public class Narratives {

    public record NarrativeSummary(
            String narrativeId, String title, String description, NarrativeSelection selection) {}

    private final ReadQuestions questions;

    Narratives(ReadQuestions questions) {
        this.questions = questions;
    }

    public List<NarrativeSummary> list(String recordedAsOf) {
        questions.requireCurrent();
        TimeBound recorded = questions.time("recordedAsOf", recordedAsOf);
        List<NarrativeSummary> summaries = new ArrayList<>();
        NarrativeLens all = NarrativeLens.allSources();
        summaries.add(new NarrativeSummary(all.narrativeId(), all.title(), all.description(), null));
        questions
                .rows()
                .narratives(recorded)
                .forEach(lens -> summaries.add(
                        new NarrativeSummary(lens.narrativeId(), lens.title(), lens.description(), lens.selection())));
        return summaries;
    }
}
