package org.parley.history.service.narratives.read;

import java.util.ArrayList;
import java.util.List;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.service.readmodel.ReadQuestions;
import org.parley.history.service.readmodel.TimeBound;
import org.springframework.stereotype.Service;

/** The narratives an analyst can ask about. */
@Service
public class Narratives {

    public record NarrativeSummary(
            String narrativeId, String title, String description, NarrativeSelection selection) {}

    private final ReadQuestions questions;
    private final NarrativeRows narratives;

    Narratives(ReadQuestions questions, NarrativeRows narratives) {
        this.questions = questions;
        this.narratives = narratives;
    }

    public List<NarrativeSummary> list(String recordedAsOf) {
        questions.requireAnswering();
        TimeBound recorded = questions.time("recordedAsOf", recordedAsOf);
        List<NarrativeSummary> summaries = new ArrayList<>();
        NarrativeLens all = NarrativeLens.allSources();
        summaries.add(new NarrativeSummary(all.narrativeId(), all.title(), all.description(), null));
        narratives
                .narratives(recorded)
                .forEach(lens -> summaries.add(
                        new NarrativeSummary(lens.narrativeId(), lens.title(), lens.description(), lens.selection())));
        return summaries;
    }
}
