package org.parley.history.service.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.change.NarrativeChanged;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountFlagged;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.AccountRetracted;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.FlagCorrected;
import org.parley.history.contract.event.FlagRetracted;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.NarrativeRevised;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.DiplomaticEventKind;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Precision;
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.PublicationBasis;
import org.parley.history.contract.value.SourceKind;

/**
 * One instance of every published event type at its current revision, each with every field it can carry, so that
 * its golden fixture pins the whole shape.
 */
final class GoldenEvents {

    private static final Citation CITATION =
            new Citation("fa-charap-radchenko-2024", "¶14", "the sides were close to an agreement");
    private static final NarrativeSelection SELECTION = new NarrativeSelection(
            List.of("fa-charap-radchenko-2024"),
            List.of("Foreign Affairs"),
            List.of("istanbul-round.fa-charap-radchenko-2024"),
            List.of("istanbul-round.part-of.istanbul-talks.fa"));

    private GoldenEvents() {}

    /** By stable name. */
    static Map<String, Object> current() {
        Map<String, Object> events = new HashMap<>(accountsAndTheirSources());
        events.put(
                "AccountFlagged",
                new AccountFlagged(
                        "istanbul-round",
                        "istanbul-round.fa-charap-radchenko-2024",
                        "istanbul-round.fa-charap-radchenko-2024.flag1",
                        CITATION,
                        "the account dates the talks before the delegations had met (outside knowledge: the Istanbul"
                                + " round began on 29 March 2022)"));
        events.put(
                "FlagCorrected",
                new FlagCorrected(
                        "istanbul-round",
                        "istanbul-round.fa-charap-radchenko-2024.flag1",
                        "istanbul-round.fa-charap-radchenko-2024.flag1.c1",
                        CITATION,
                        "the editor named the wrong day; the round began on 29 March 2022"));
        events.put(
                "FlagRetracted",
                new FlagRetracted(
                        "istanbul-round",
                        "istanbul-round.fa-charap-radchenko-2024.flag1",
                        "istanbul-round.fa-charap-radchenko-2024.flag1.r1",
                        CITATION,
                        "the account gives no date; the flag was a misreading"));
        return events;
    }

    private static Map<String, Object> accountsAndTheirSources() {
        return Map.of(
                "SourceRegistered",
                new SourceRegistered(
                        "fa-charap-radchenko-2024",
                        "The Talks That Could Have Ended the War in Ukraine",
                        "Foreign Affairs",
                        List.of("Samuel Charap", "Sergey Radchenko"),
                        SourceKind.ARTICLE,
                        new Publication(Moment.of("2024-04-16"), PublicationBasis.STATED, "print edition"),
                        "https://www.foreignaffairs.com/ukraine/talks-could-have-ended-war-ukraine",
                        "en",
                        "fa-charap-radchenko-2024-print",
                        List.of("arakhamia-remarks-on-neutrality")),
                "DiplomaticEventReported",
                new DiplomaticEventReported(
                        "istanbul-round",
                        DiplomaticEventKind.TALKS_ROUND,
                        "Russia–Ukraine talks in Istanbul",
                        CITATION),
                "AccountRecorded",
                new AccountRecorded("istanbul-round", "istanbul-round.fa-charap-radchenko-2024", CITATION, claims()),
                "AccountCorrected",
                new AccountCorrected(
                        "istanbul-round",
                        "istanbul-round.fa-charap-radchenko-2024",
                        "istanbul-round.fa-charap-radchenko-2024.c1",
                        CITATION,
                        claims(),
                        Moment.of("2024-05-01"),
                        "the authors corrected the place"),
                "AccountRetracted",
                new AccountRetracted(
                        "istanbul-round",
                        "istanbul-round.fa-charap-radchenko-2024",
                        "istanbul-round.fa-charap-radchenko-2024.r1",
                        CITATION,
                        new Moment(Precision.INSTANT, "2024-05-02T09:30:00Z"),
                        "the source withdrew the account"),
                "EventsLinked",
                new EventsLinked(
                        "istanbul-round",
                        "istanbul-round.part-of.istanbul-talks.fa",
                        LinkRelation.PART_OF,
                        "istanbul-talks",
                        CITATION,
                        "istanbul-round.fa-charap-radchenko-2024"),
                "NarrativeDefined",
                new NarrativeDefined(
                        "close-in-istanbul", "Close in Istanbul", "What Charap and Radchenko tell", SELECTION),
                "NarrativeRevised",
                new NarrativeRevised(
                        "close-in-istanbul",
                        "close-in-istanbul.r1",
                        "Close in Istanbul, and why it failed",
                        "What Charap and Radchenko tell, and their sources",
                        SELECTION),
                "NarrativeChanged",
                new NarrativeChanged(
                        "113:all-sources:1",
                        "all-sources",
                        NarrativeChangeKind.FIELD_DISPUTED,
                        113,
                        Instant.parse("2024-04-16T23:59:59.999999Z"),
                        Instant.parse("2026-12-02T13:35:49.091Z"),
                        "istanbul-round",
                        "Russia–Ukraine talks in Istanbul",
                        "place",
                        List.of("Istanbul, Turkey"),
                        List.of("Istanbul, Turkey", "Dolmabahçe Palace, Istanbul"),
                        "istanbul-round.fa-charap-radchenko-2024",
                        "istanbul-round.part-of.istanbul-talks.fa",
                        LinkRelation.PART_OF,
                        "istanbul-talks",
                        List.of(CITATION)));
    }

    private static AccountClaims claims() {
        return new AccountClaims(
                new OccurredTime(Moment.of("2022-03-29"), Moment.of("2022-03-30"), true),
                "Dolmabahçe Palace, Istanbul",
                List.of("Russia", "Ukraine", "Turkey"),
                "neutrality in exchange for security guarantees",
                "a communiqué",
                "a ceasefire before the withdrawal",
                "the Istanbul communiqué was initialled",
                "the sides agreed a framework");
    }
}
