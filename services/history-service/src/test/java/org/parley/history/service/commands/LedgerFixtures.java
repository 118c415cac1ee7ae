package org.parley.history.service.commands;

import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.parley.history.contract.command.CorrectAccount;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.command.RetractAccount;
import org.parley.history.contract.command.ReviseNarrative;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.AccountRetracted;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
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
import org.parley.history.contract.value.Publication;
import org.parley.history.contract.value.SourceKind;
import org.parley.history.service.commands.CommandRefused.Reason;

/**
 * Aggregate fixtures wired as the application wires its aggregates, valid commands with plausible content, the
 * ledger events they are expected to produce, and matchers for refusals.
 */
public final class LedgerFixtures {

    private LedgerFixtures() {}

    // --- fixtures -------------------------------------------------------------------------------------------

    /** A given/when/then fixture that resolves targets as the application does and injects {@code lookup}. */
    public static <T> FixtureConfiguration<T> fixtureFor(Class<T> aggregateType, LedgerLookup lookup) {
        return new AggregateTestFixture<>(aggregateType)
                .registerCommandTargetResolver(new ParleyCommandTargetResolver())
                .registerInjectableResource(lookup);
    }

    // --- sources --------------------------------------------------------------------------------------------

    public static RegisterSource registerSource(String sourceId) {
        return registerSource(sourceId, null);
    }

    public static RegisterSource registerSource(String sourceId, String republicationOf, String... restsOn) {
        return new RegisterSource(
                sourceId,
                "Report " + sourceId,
                "Foreign Affairs",
                List.of("A. Writer"),
                SourceKind.ARTICLE,
                Publication.stated("2024-04-16"),
                "https://example.org/" + sourceId,
                "en",
                republicationOf,
                List.of(restsOn));
    }

    public static RegisterSource retitled(RegisterSource command, String title) {
        return new RegisterSource(
                command.sourceId(),
                title,
                command.outlet(),
                command.authors(),
                command.kind(),
                command.publication(),
                command.url(),
                command.language(),
                command.republicationOf(),
                command.restsOn());
    }

    public static SourceRegistered registered(RegisterSource command) {
        return new SourceRegistered(
                command.sourceId(),
                command.title(),
                command.outlet(),
                command.authors(),
                command.kind(),
                command.publication(),
                command.url(),
                command.language(),
                command.republicationOf(),
                command.restsOn());
    }

    // --- diplomatic events ----------------------------------------------------------------------------------

    public static ReportDiplomaticEvent reportEvent(String eventId, String sourceId) {
        return reportEvent(eventId, sourceId, "Round of talks " + eventId);
    }

    public static ReportDiplomaticEvent reportEvent(String eventId, String sourceId, String title) {
        return new ReportDiplomaticEvent(eventId, DiplomaticEventKind.TALKS_ROUND, title, Citation.of(sourceId, "¶1"));
    }

    public static DiplomaticEventReported reported(ReportDiplomaticEvent command) {
        return new DiplomaticEventReported(command.eventId(), command.kind(), command.title(), command.citation());
    }

    // --- accounts -------------------------------------------------------------------------------------------

    public static RecordAccount account(String eventId, String accountId, String sourceId) {
        return account(eventId, accountId, sourceId, "Istanbul");
    }

    public static RecordAccount account(String eventId, String accountId, String sourceId, String place) {
        return new RecordAccount(eventId, accountId, Citation.of(sourceId, "¶4"), claims("2022-03-29", place), null);
    }

    public static AccountClaims claims(String occurred, String place) {
        return new AccountClaims(
                OccurredTime.at(occurred),
                place,
                List.of("Ukraine", "Russia"),
                null,
                null,
                null,
                null,
                "The delegations met in " + place + ".");
    }

    public static AccountRecorded recorded(RecordAccount command) {
        return new AccountRecorded(command.eventId(), command.accountId(), command.citation(), command.claims());
    }

    public static RecordAccount expecting(RecordAccount command, long version) {
        return new RecordAccount(command.eventId(), command.accountId(), command.citation(), command.claims(), version);
    }

    // --- corrections and retractions ------------------------------------------------------------------------

    public static CorrectAccount correction(String eventId, String accountId, String correctionId, String sourceId) {
        return correction(eventId, accountId, correctionId, sourceId, "Antalya");
    }

    public static CorrectAccount correction(
            String eventId, String accountId, String correctionId, String sourceId, String place) {
        return new CorrectAccount(
                eventId,
                accountId,
                correctionId,
                Citation.of(sourceId, "editor's note"),
                new AccountClaims(null, place, null, null, null, null, null, null),
                Moment.of("2024-05-02"),
                "the source corrected the venue",
                null);
    }

    public static AccountCorrected corrected(CorrectAccount command) {
        return new AccountCorrected(
                command.eventId(),
                command.accountId(),
                command.correctionId(),
                command.citation(),
                command.claims(),
                command.reported(),
                command.reason());
    }

    public static CorrectAccount expecting(CorrectAccount command, long version) {
        return new CorrectAccount(
                command.eventId(),
                command.accountId(),
                command.correctionId(),
                command.citation(),
                command.claims(),
                command.reported(),
                command.reason(),
                version);
    }

    public static RetractAccount retraction(String eventId, String accountId, String retractionId, String sourceId) {
        return retraction(eventId, accountId, retractionId, sourceId, "the source withdrew the report");
    }

    public static RetractAccount retraction(
            String eventId, String accountId, String retractionId, String sourceId, String reason) {
        return new RetractAccount(
                eventId,
                accountId,
                retractionId,
                Citation.of(sourceId, "retraction notice"),
                Moment.of("2024-06"),
                reason,
                null);
    }

    public static AccountRetracted retracted(RetractAccount command) {
        return new AccountRetracted(
                command.eventId(),
                command.accountId(),
                command.retractionId(),
                command.citation(),
                command.reported(),
                command.reason());
    }

    public static RetractAccount expecting(RetractAccount command, long version) {
        return new RetractAccount(
                command.eventId(),
                command.accountId(),
                command.retractionId(),
                command.citation(),
                command.reported(),
                command.reason(),
                version);
    }

    // --- links ----------------------------------------------------------------------------------------------

    public static LinkEvents link(String eventId, String linkId, String targetEventId, String sourceId) {
        return link(eventId, linkId, LinkRelation.LED_TO_BREAKDOWN_OF, targetEventId, sourceId, null);
    }

    public static LinkEvents link(
            String eventId,
            String linkId,
            LinkRelation relation,
            String targetEventId,
            String sourceId,
            String accountId) {
        return new LinkEvents(eventId, linkId, relation, targetEventId, Citation.of(sourceId, "¶9"), accountId, null);
    }

    public static LinkEvents assertedBy(LinkEvents command, String accountId) {
        return new LinkEvents(
                command.eventId(),
                command.linkId(),
                command.relation(),
                command.targetEventId(),
                command.citation(),
                accountId,
                command.expectedVersion());
    }

    public static LinkEvents expecting(LinkEvents command, long version) {
        return new LinkEvents(
                command.eventId(),
                command.linkId(),
                command.relation(),
                command.targetEventId(),
                command.citation(),
                command.accountId(),
                version);
    }

    public static EventsLinked linked(LinkEvents command) {
        return new EventsLinked(
                command.eventId(),
                command.linkId(),
                command.relation(),
                command.targetEventId(),
                command.citation(),
                command.accountId());
    }

    // --- narratives -----------------------------------------------------------------------------------------

    public static NarrativeSelection sources(String... sourceIds) {
        return selection(List.of(sourceIds), List.of(), List.of());
    }

    public static NarrativeSelection accounts(String... accountIds) {
        return selection(List.of(), List.of(accountIds), List.of());
    }

    public static NarrativeSelection links(String... linkIds) {
        return selection(List.of(), List.of(), List.of(linkIds));
    }

    public static NarrativeSelection outlets(String... outlets) {
        return new NarrativeSelection(List.of(), List.of(outlets), List.of(), List.of());
    }

    public static NarrativeSelection selection(List<String> sourceIds, List<String> accountIds, List<String> linkIds) {
        return new NarrativeSelection(sourceIds, List.of(), accountIds, linkIds);
    }

    public static DefineNarrative defineNarrative(String narrativeId, NarrativeSelection selection) {
        return new DefineNarrative(
                narrativeId, "Narrative " + narrativeId, "What " + narrativeId + " holds.", selection);
    }

    public static NarrativeDefined defined(DefineNarrative command) {
        return new NarrativeDefined(command.narrativeId(), command.title(), command.description(), command.selection());
    }

    public static ReviseNarrative reviseNarrative(String narrativeId, String revisionId, NarrativeSelection selection) {
        return new ReviseNarrative(
                narrativeId,
                revisionId,
                "Narrative " + narrativeId + ", revised",
                "Revised by " + revisionId + ".",
                selection,
                null);
    }

    public static ReviseNarrative expecting(ReviseNarrative command, long version) {
        return new ReviseNarrative(
                command.narrativeId(),
                command.revisionId(),
                command.title(),
                command.description(),
                command.selection(),
                version);
    }

    public static NarrativeRevised revised(ReviseNarrative command) {
        return new NarrativeRevised(
                command.narrativeId(),
                command.revisionId(),
                command.title(),
                command.description(),
                command.selection());
    }

    // --- refusals -------------------------------------------------------------------------------------------

    /** A {@link CommandRefused} for {@code reason}, naming {@code field}. */
    public static Matcher<CommandRefused> refused(Reason reason, String field) {
        return new RefusalMatcher(reason, field, null);
    }

    /** A {@link CommandRefused} for a stale {@code expectedVersion}, telling the client the current version. */
    public static Matcher<CommandRefused> refusedAsStale(long currentVersion) {
        return new RefusalMatcher(Reason.VERSION_CONFLICT, "expectedVersion", currentVersion);
    }

    private static final class RefusalMatcher extends TypeSafeDiagnosingMatcher<CommandRefused> {

        private final Reason reason;
        private final String field;
        private final Long currentVersion;

        RefusalMatcher(Reason reason, String field, Long currentVersion) {
            this.reason = reason;
            this.field = field;
            this.currentVersion = currentVersion;
        }

        @Override
        protected boolean matchesSafely(CommandRefused refusal, Description mismatch) {
            boolean matches = refusal.reason() == reason
                    && field.equals(refusal.field())
                    && (currentVersion == null || currentVersion.equals(refusal.currentVersion()));
            if (!matches) {
                mismatch.appendText("was refused ")
                        .appendValue(refusal.reason())
                        .appendText(" on field ")
                        .appendValue(refusal.field())
                        .appendText(" with current version ")
                        .appendValue(refusal.currentVersion())
                        .appendText(": ")
                        .appendText(refusal.getMessage());
            }
            return matches;
        }

        @Override
        public void describeTo(Description description) {
            description
                    .appendText("a command refused ")
                    .appendValue(reason)
                    .appendText(" on field ")
                    .appendValue(field);
            if (currentVersion != null) {
                description.appendText(" with current version ").appendValue(currentVersion);
            }
        }
    }
}
