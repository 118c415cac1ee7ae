package org.parley.history.contract.change;

import java.time.Instant;
import java.util.List;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.contract.value.Lists;

/**
 * A narrative changed as of now, as Parley's read side found when it read one ledger event: "narrative N gained
 * event E", "field F of E is now disputed", "account A was retracted". Which fields are present depends on
 * {@code change}. The same ledger event always gives the same changes with the same {@code changeId}, so a
 * consumer can drop duplicates by it.
 *
 * @param changeId       stable id: the ledger sequence, the narrative and the change's place among that event's
 * @param ledgerSequence the ledger's global sequence of the event that caused the change
 * @param reported       from when the report that caused it counts (absent for a narrative revision)
 * @param recorded       when the ledger recorded the event that caused it
 * @param field          for FIELD_* changes: occurred, place, participants, proposed, agreed, refused or outcome
 * @param before         for FIELD_* changes: the field's values before (text, lists of names, or occurred times)
 * @param after          for FIELD_* changes: its values after
 * @param causes         the citations of the reports that caused it
 */
public record NarrativeChanged(
        String changeId,
        String narrativeId,
        NarrativeChangeKind change,
        long ledgerSequence,
        Instant reported,
        Instant recorded,
        String eventId,
        String eventTitle,
        String field,
        List<Object> before,
        List<Object> after,
        String accountId,
        String linkId,
        LinkRelation relation,
        String targetEventId,
        List<Citation> causes) {
    public NarrativeChanged {
        before = before == null ? null : Lists.immutable(before);
        after = after == null ? null : Lists.immutable(after);
        causes = Lists.immutable(causes);
    }
}
