package org.parley.history.service.narratives.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.assertedBy;
import static org.parley.history.service.commands.LedgerFixtures.defineNarrative;
import static org.parley.history.service.commands.LedgerFixtures.defined;
import static org.parley.history.service.commands.LedgerFixtures.link;
import static org.parley.history.service.commands.LedgerFixtures.linked;
import static org.parley.history.service.commands.LedgerFixtures.recorded;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.registered;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;
import static org.parley.history.service.commands.LedgerFixtures.reported;
import static org.parley.history.service.commands.LedgerFixtures.retracted;
import static org.parley.history.service.commands.LedgerFixtures.retraction;
import static org.parley.history.service.commands.LedgerFixtures.sources;
import static org.parley.history.service.support.ReadModelSlice.at;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.history.contract.change.NarrativeChangeKind;
import org.parley.history.contract.change.NarrativeChanged;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;
import org.parley.history.service.commands.LedgerFixtures;
import org.parley.history.service.narratives.read.NarrativeChangeFeed.FeedEntry;
import org.parley.history.service.narratives.read.NarrativeChangeFeed.NarrativeChangePage;
import org.parley.history.service.narratives.read.NarrativeEvolution.EvolutionStep;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeEvolutionAnswer;
import org.parley.history.service.narratives.read.NarrativeEvolution.NarrativeEvolutionQuery;
import org.parley.history.service.narratives.read.NarrativeEvolution.Step;
import org.parley.history.service.readmodel.ReadModelVersions;
import org.parley.history.service.support.ReadModelSlice;

/**
 * {@link NarrativeChangeLog} (through {@link NarrativeProjection} and the events' projection): what each batch of
 * ledger events changed in each narrative, as of when the ledger recorded it → {@code narrative_change} →
 * {@link NarrativeChangeFeed}; and the same story over reported time, told by {@link NarrativeEvolution}.
 */
class NarrativeChangeLogIT {

    @RegisterExtension
    static final ReadModelSlice readModel = new ReadModelSlice();

    private static final String OUTCOME = "agreed to meet again";

    /** "west" follows the wire, which tells of talks in Istanbul (sequences 1 to 5). */
    @BeforeEach
    void givenTheWiresAccountAndANarrativeThatFollowsIt() {
        readModel.handle(
                at("2025-04-01T10:00:00Z", registered(registerSource("wire"))),
                at("2025-04-01T10:00:30Z", defined(defineNarrative("west", sources("wire")))),
                at("2025-04-01T10:01:00Z", reported(reportEvent("talks", "wire"))),
                at("2025-04-01T10:01:01Z", reported(reportEvent("breakdown", "wire"))),
                at("2025-04-01T10:02:00Z", recorded(account("talks", "talks.wire", "wire", "Istanbul"))));
    }

    @Test
    void a_definition_and_a_first_account_are_news_in_every_narrative_that_selects_it() {
        assertThat(changes())
                .containsExactly(
                        tuple("2:west:0", "west", "NARRATIVE_DEFINED", 2L, null),
                        tuple("5:all-sources:0", "all-sources", "EVENT_APPEARED", 5L, "talks"),
                        tuple("5:west:0", "west", "EVENT_APPEARED", 5L, "talks"));
        NarrativeChanged appeared = feed("west").changes().get(1).change();
        assertThat(appeared.recorded()).isEqualTo(Instant.parse("2025-04-01T10:02:00Z"));
        assertThat(appeared.reported()).isEqualTo(Instant.parse("2024-04-16T23:59:59.999999Z"));
        assertThat(appeared.eventTitle()).isEqualTo("Round of talks talks");
        assertThat(appeared.accountId()).isEqualTo("talks.wire");
        assertThat(appeared.causes()).containsExactly(Citation.of("wire", "¶4"));
    }

    @Test
    void another_sources_later_date_flags_the_narratives_account_and_its_retraction_clears_the_flag() {
        readModel.handle(
                at("2025-04-03T09:00:00Z", registered(registerSource("kyiv"))),
                at(
                        "2025-04-03T09:01:00Z",
                        recorded(new RecordAccount(
                                "talks",
                                "talks.kyiv",
                                Citation.of("kyiv", "¶2"),
                                LedgerFixtures.claims("2024-06-01", "Istanbul"),
                                null))));
        readModel.handle(
                at("2025-04-04T09:00:00Z", retracted(retraction("talks", "talks.kyiv", "kyiv-retraction", "kyiv"))));

        assertThat(changesAfter(5))
                .extracting(
                        NarrativeChanged::changeId,
                        NarrativeChanged::change,
                        NarrativeChanged::field,
                        NarrativeChanged::accountId)
                .containsExactly(
                        tuple("7:all-sources:0", NarrativeChangeKind.FIELD_DISPUTED, "occurred", "talks.kyiv"),
                        tuple("7:all-sources:1", NarrativeChangeKind.ANOMALY_FLAGGED, null, "talks.wire"),
                        // west does not select the Kyiv paper, yet hears what its date reveals about the wire
                        tuple("7:west:0", NarrativeChangeKind.ANOMALY_FLAGGED, null, "talks.wire"),
                        tuple("8:all-sources:0", NarrativeChangeKind.ACCOUNT_RETRACTED, null, "talks.kyiv"),
                        tuple("8:all-sources:1", NarrativeChangeKind.FIELD_CHANGED, "occurred", "talks.kyiv"),
                        tuple("8:all-sources:2", NarrativeChangeKind.ANOMALY_CLEARED, null, "talks.wire"),
                        tuple("8:west:0", NarrativeChangeKind.ANOMALY_CLEARED, null, "talks.wire"));
        NarrativeChanged flagged = feed("west").changes().get(2).change();
        assertThat(flagged.after()).singleElement().isInstanceOfSatisfying(Map.class, anomaly -> assertThat(
                        anomaly.get("kind"))
                .isEqualTo("DESCRIBES_LATER_EVENT"));
    }

    @Test
    void a_correction_sets_and_changes_fields_and_another_sources_account_disputes_one_where_it_is_selected() {
        readModel.handle(at("2025-04-02T09:00:00Z", correctedToAntalyaWithAnOutcome()));
        readModel.handle(
                at("2025-04-03T09:00:00Z", registered(registerSource("kyiv"))),
                at("2025-04-03T09:01:00Z", recorded(account("talks", "talks.kyiv", "kyiv", "Geneva"))));

        assertThat(changesAfter(5))
                .extracting(
                        NarrativeChanged::changeId,
                        NarrativeChanged::change,
                        NarrativeChanged::field,
                        NarrativeChanged::before,
                        NarrativeChanged::after)
                .containsExactly(
                        tuple("6:all-sources:0", NarrativeChangeKind.ACCOUNT_CORRECTED, null, null, null),
                        tuple(
                                "6:all-sources:1",
                                NarrativeChangeKind.FIELD_CHANGED,
                                "place",
                                List.of("Istanbul"),
                                List.of("Antalya")),
                        tuple("6:all-sources:2", NarrativeChangeKind.FIELD_SET, "outcome", List.of(), List.of(OUTCOME)),
                        tuple("6:west:0", NarrativeChangeKind.ACCOUNT_CORRECTED, null, null, null),
                        tuple(
                                "6:west:1",
                                NarrativeChangeKind.FIELD_CHANGED,
                                "place",
                                List.of("Istanbul"),
                                List.of("Antalya")),
                        tuple("6:west:2", NarrativeChangeKind.FIELD_SET, "outcome", List.of(), List.of(OUTCOME)),
                        // west does not select the Kyiv paper: only all-sources hears of its account
                        tuple(
                                "8:all-sources:0",
                                NarrativeChangeKind.FIELD_DISPUTED,
                                "place",
                                List.of("Antalya"),
                                List.of("Geneva", "Antalya")));
        NarrativeChanged correction = feed("west").changes().get(2).change();
        assertThat(correction.reported()).isEqualTo(Instant.parse("2024-05-02T23:59:59.999999Z"));
        assertThat(correction.accountId()).isEqualTo("talks.wire");
    }

    @Test
    void a_retraction_drops_every_link_its_account_asserted_and_withdraws_the_event_from_a_narrative_it_leaves_empty() {
        readModel.handle(
                at(
                        "2025-04-02T09:00:00Z",
                        linked(assertedBy(link("talks", "talks-to-breakdown", "breakdown", "wire"), "talks.wire"))),
                at(
                        "2025-04-02T09:00:01Z",
                        linked(assertedBy(link("breakdown", "breakdown-after-talks", "talks", "wire"), "talks.wire"))));
        readModel.handle(at(
                "2025-04-03T09:00:00Z", retracted(retraction("talks", "talks.wire", "talks.wire.retraction", "wire"))));

        // the links are dropped while the retraction is handled, its account changes found when the batch ends:
        // each keeps its own change id
        assertThat(changesAfter(5))
                .extracting(NarrativeChanged::changeId, NarrativeChanged::change, NarrativeChanged::linkId)
                .containsExactly(
                        tuple("6:all-sources:0", NarrativeChangeKind.LINK_ADDED, "talks-to-breakdown"),
                        tuple("6:west:0", NarrativeChangeKind.LINK_ADDED, "talks-to-breakdown"),
                        tuple("7:all-sources:0", NarrativeChangeKind.LINK_ADDED, "breakdown-after-talks"),
                        tuple("7:west:0", NarrativeChangeKind.LINK_ADDED, "breakdown-after-talks"),
                        tuple("8:all-sources:0", NarrativeChangeKind.LINK_DROPPED, "talks-to-breakdown"),
                        tuple("8:west:0", NarrativeChangeKind.LINK_DROPPED, "talks-to-breakdown"),
                        tuple("8:all-sources:1", NarrativeChangeKind.LINK_DROPPED, "breakdown-after-talks"),
                        tuple("8:west:1", NarrativeChangeKind.LINK_DROPPED, "breakdown-after-talks"),
                        tuple("8:all-sources:2", NarrativeChangeKind.ACCOUNT_RETRACTED, null),
                        tuple("8:all-sources:3", NarrativeChangeKind.EVENT_DISAPPEARED, null),
                        tuple("8:west:2", NarrativeChangeKind.ACCOUNT_RETRACTED, null),
                        tuple("8:west:3", NarrativeChangeKind.EVENT_DISAPPEARED, null));
        NarrativeChanged dropped = feed("west").changes().get(4).change();
        assertThat(List.of(dropped.linkId(), dropped.eventId(), dropped.targetEventId(), dropped.accountId()))
                .containsExactly("talks-to-breakdown", "talks", "breakdown", "talks.wire");
    }

    @Test
    void the_feed_pages_by_position_for_one_narrative_or_all() {
        readModel.handle(at("2025-04-02T09:00:00Z", correctedToAntalyaWithAnOutcome()));

        NarrativeChangePage first = readModel.bean(NarrativeChangeFeed.class).after(null, 0, 4);
        assertThat(first.changes()).extracting(FeedEntry::position).containsExactly(1L, 2L, 3L, 4L);
        assertThat(first.nextPage()).isEqualTo(4L);
        NarrativeChangePage rest = readModel.bean(NarrativeChangeFeed.class).after(null, first.nextPage(), 4);
        assertThat(rest.changes())
                .extracting(entry -> entry.change().changeId())
                .containsExactly("6:all-sources:1", "6:all-sources:2", "6:west:0", "6:west:1");
        assertThat(rest.nextPage()).isEqualTo(8L);
        NarrativeChangePage last = readModel.bean(NarrativeChangeFeed.class).after(null, rest.nextPage(), 4);
        assertThat(last.changes())
                .extracting(entry -> entry.change().changeId())
                .containsExactly("6:west:2");
        assertThat(last.nextPage()).isNull();
        assertThat(feed("west").changes())
                .extracting(entry -> entry.change().change())
                .containsExactly(
                        NarrativeChangeKind.NARRATIVE_DEFINED,
                        NarrativeChangeKind.EVENT_APPEARED,
                        NarrativeChangeKind.ACCOUNT_CORRECTED,
                        NarrativeChangeKind.FIELD_CHANGED,
                        NarrativeChangeKind.FIELD_SET);
    }

    @Test
    void a_rebuild_replays_the_ledger_into_the_same_rows_and_logs_no_change_again() {
        readModel.handle(at("2025-04-02T09:00:00Z", correctedToAntalyaWithAnOutcome()));
        readModel.handle(at(
                "2025-04-03T09:00:00Z", retracted(retraction("talks", "talks.wire", "talks.wire.retraction", "wire"))));
        List<Map<String, Object>> changes = readModel.rows("SELECT * FROM narrative_change ORDER BY id");
        List<Map<String, Object>> versions =
                readModel.rows("SELECT * FROM account_version ORDER BY recorded_from, reported_from");
        List<Map<String, Object>> narratives =
                readModel.rows("SELECT * FROM read_narrative_version ORDER BY ledger_sequence");
        assertThat(changes).hasSize(13);

        readModel.startRebuild();
        // the answering version answers on while the new one, empty, is built beside it
        assertThat(readModel.count("account_version")).isEqualTo(versions.size());
        int building = readModel.jdbc().queryForObject("SELECT building_version FROM read_model_state", Integer.class);
        assertThat(readModel.count(ReadModelVersions.schema(building) + ".account_version"))
                .isZero();
        readModel.handle();
        assertThat(readModel.jdbc().queryForObject("SELECT version FROM read_model_state", Integer.class))
                .isEqualTo(building);

        assertThat(readModel.rows("SELECT * FROM narrative_change ORDER BY id")).isEqualTo(changes);
        assertThat(readModel.rows("SELECT * FROM account_version ORDER BY recorded_from, reported_from"))
                .isEqualTo(versions);
        assertThat(readModel.rows("SELECT * FROM read_narrative_version ORDER BY ledger_sequence"))
                .isEqualTo(narratives);
        assertThat(readModel.row("SELECT state, position, target_position FROM read_model_state"))
                .isEqualTo(Map.of("state", "CURRENT", "position", 7L, "target_position", 7L));

        // once current again, the next ledger event is news
        readModel.handle(at("2025-04-04T09:00:00Z", recorded(account("breakdown", "breakdown.wire", "wire"))));
        assertThat(readModel.count("narrative_change")).isEqualTo(15);
    }

    @Test
    void the_evolution_tells_the_same_story_over_reported_time() {
        readModel.handle(at("2025-04-02T09:00:00Z", correctedToAntalyaWithAnOutcome()));
        readModel.handle(at(
                "2025-04-03T09:00:00Z", retracted(retraction("talks", "talks.wire", "talks.wire.retraction", "wire"))));

        NarrativeEvolutionAnswer evolution = readModel
                .bean(NarrativeEvolution.class)
                .answer(new NarrativeEvolutionQuery("west", "2024-04-01", "2024-07-31", Step.MONTH, null));

        assertThat(evolution.eventsAtStart()).isZero();
        assertThat(evolution.eventsAtEnd()).isZero();
        assertThat(evolution.steps())
                .flatExtracting(EvolutionStep::changes)
                .extracting(change -> change.reported(), change -> change.change(), change -> change.field())
                .containsExactly(
                        tuple(Instant.parse("2024-04-16T23:59:59.999999Z"), NarrativeChangeKind.EVENT_APPEARED, null),
                        tuple(
                                Instant.parse("2024-05-02T23:59:59.999999Z"),
                                NarrativeChangeKind.ACCOUNT_CORRECTED,
                                null),
                        tuple(Instant.parse("2024-05-02T23:59:59.999999Z"), NarrativeChangeKind.FIELD_CHANGED, "place"),
                        tuple(Instant.parse("2024-05-02T23:59:59.999999Z"), NarrativeChangeKind.FIELD_SET, "outcome"),
                        tuple(
                                Instant.parse("2024-06-30T23:59:59.999999Z"),
                                NarrativeChangeKind.ACCOUNT_RETRACTED,
                                null),
                        tuple(
                                Instant.parse("2024-06-30T23:59:59.999999Z"),
                                NarrativeChangeKind.EVENT_DISAPPEARED,
                                null));
        assertThat(readModel
                        .bean(NarrativeEvolution.class)
                        .answer(new NarrativeEvolutionQuery(
                                "west", "2024-04-01", "2024-07-31", Step.MONTH, "2025-04-02T08:00:00Z"))
                        .steps())
                .as("as Parley held it before the correction was recorded")
                .flatExtracting(EvolutionStep::changes)
                .extracting(change -> change.change())
                .containsExactly(NarrativeChangeKind.EVENT_APPEARED);
    }

    /** The wire's correction (reported 2024-05-02): the talks were in Antalya, and the parties agreed to meet again. */
    private static AccountCorrected correctedToAntalyaWithAnOutcome() {
        return new AccountCorrected(
                "talks",
                "talks.wire",
                "talks.wire.correction",
                Citation.of("wire", "editor's note"),
                new AccountClaims(null, "Antalya", null, null, null, null, OUTCOME, null),
                Moment.of("2024-05-02"),
                "the source corrected the venue");
    }

    private NarrativeChangePage feed(String narrativeId) {
        return readModel.bean(NarrativeChangeFeed.class).after(narrativeId, 0, 100);
    }

    private List<org.assertj.core.groups.Tuple> changes() {
        return readModel
                .rows("SELECT change_id, narrative_id, change_kind, ledger_sequence, event_id FROM narrative_change"
                        + " ORDER BY id")
                .stream()
                .map(row -> tuple(
                        row.get("change_id"),
                        row.get("narrative_id"),
                        row.get("change_kind"),
                        row.get("ledger_sequence"),
                        row.get("event_id")))
                .toList();
    }

    /** The changes found after the given ledger sequence, in feed order. */
    private List<NarrativeChanged> changesAfter(long sequence) {
        return feed(null).changes().stream()
                .map(FeedEntry::change)
                .filter(change -> change.ledgerSequence() > sequence)
                .toList();
    }
}
