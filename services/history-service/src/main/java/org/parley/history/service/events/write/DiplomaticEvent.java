package org.parley.history.service.events.write;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.parley.history.contract.command.CorrectAccount;
import org.parley.history.contract.command.CorrectFlag;
import org.parley.history.contract.command.FlagAccount;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.command.RetractAccount;
import org.parley.history.contract.command.RetractFlag;
import org.parley.history.contract.event.AccountCorrected;
import org.parley.history.contract.event.AccountFlagged;
import org.parley.history.contract.event.AccountRecorded;
import org.parley.history.contract.event.AccountRetracted;
import org.parley.history.contract.event.DiplomaticEventReported;
import org.parley.history.contract.event.EventsLinked;
import org.parley.history.contract.event.FlagCorrected;
import org.parley.history.contract.event.FlagRetracted;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Anomaly;
import org.parley.history.contract.value.Citation;
import org.parley.history.service.commands.CommandRefused;
import org.parley.history.service.commands.EntityKind;
import org.parley.history.service.commands.LedgerLookup;
import org.parley.history.service.commands.Recorded;
import org.parley.history.service.commands.References;
import org.parley.history.service.commands.WriteReceipt;
import org.parley.history.service.events.AccountAnomalies;

/**
 * Something that happened, or is said to have happened, with every account of it, every correction and
 * retraction of those accounts, and the links sources assert from it to other events. Accounts are never edited.
 */
@Aggregate(
        commandTargetResolver = "parleyCommandTargetResolver",
        cache = "ledgerAggregateCache",
        filterEventsByType = true)
public class DiplomaticEvent {

    @AggregateIdentifier
    private String eventId;

    private long version;
    private DiplomaticEventReported report;
    private final Map<String, Recorded<AccountRecorded>> accounts = new HashMap<>();
    private final Map<String, Recorded<AccountCorrected>> corrections = new HashMap<>();
    private final Map<String, Recorded<AccountRetracted>> retractions = new HashMap<>();
    private final Map<String, String> retractionOfAccount = new HashMap<>();
    private final Map<String, Recorded<EventsLinked>> links = new HashMap<>();
    private final Map<String, Recorded<AccountFlagged>> flags = new HashMap<>();
    private final Map<String, Recorded<FlagCorrected>> flagCorrections = new HashMap<>();
    private final Map<String, Recorded<FlagRetracted>> flagRetractions = new HashMap<>();
    private final Map<String, String> retractionOfFlag = new HashMap<>();

    protected DiplomaticEvent() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WriteReceipt handle(ReportDiplomaticEvent command, LedgerLookup lookup) {
        DiplomaticEventReported reported =
                new DiplomaticEventReported(command.eventId(), command.kind(), command.title(), command.citation());
        if (report != null) {
            return new Recorded<>(report, 0)
                    .replayOrRefuse(
                            reported,
                            eventId,
                            eventId,
                            "eventId",
                            "diplomatic event '" + eventId + "' is already reported");
        }
        References.requireFreeAggregateId(lookup, EntityKind.EVENT, command.eventId(), "eventId");
        References.requireKnown(lookup, EntityKind.SOURCE, command.citation().sourceId(), "citation.sourceId");
        apply(reported);
        return WriteReceipt.recorded(eventId, eventId, version);
    }

    @CommandHandler
    public WriteReceipt handle(RecordAccount command, LedgerLookup lookup) {
        AccountRecorded recorded =
                new AccountRecorded(eventId, command.accountId(), command.citation(), command.claims());
        Recorded<AccountRecorded> earlier = accounts.get(command.accountId());
        if (earlier != null) {
            return earlier.replayOrRefuse(
                            recorded,
                            eventId,
                            command.accountId(),
                            "accountId",
                            entityDescription("account", command.accountId()))
                    .withAnomalies(
                            anomaliesOf(command.claims(), command.citation().sourceId(), lookup));
        }
        References.requireExpectedVersion(command.expectedVersion(), version);
        References.requireUnusedElsewhere(lookup, EntityKind.ACCOUNT, command.accountId(), eventId, "accountId");
        References.requireKnown(lookup, EntityKind.SOURCE, command.citation().sourceId(), "citation.sourceId");
        apply(recorded);
        return WriteReceipt.recorded(eventId, command.accountId(), version)
                .withAnomalies(anomaliesOf(command.claims(), command.citation().sourceId(), lookup));
    }

    @CommandHandler
    public WriteReceipt handle(CorrectAccount command, LedgerLookup lookup) {
        AccountCorrected corrected = new AccountCorrected(
                eventId,
                command.accountId(),
                command.correctionId(),
                command.citation(),
                command.claims(),
                command.reported(),
                command.reason());
        Recorded<AccountCorrected> earlier = corrections.get(command.correctionId());
        if (earlier != null) {
            return earlier.replayOrRefuse(
                    corrected,
                    eventId,
                    command.correctionId(),
                    "correctionId",
                    entityDescription("correction", command.correctionId()));
        }
        References.requireExpectedVersion(command.expectedVersion(), version);
        requireLiveAccount(command.accountId(), "correct");
        References.requireKnown(lookup, EntityKind.SOURCE, command.citation().sourceId(), "citation.sourceId");
        apply(corrected);
        return WriteReceipt.recorded(eventId, command.correctionId(), version);
    }

    @CommandHandler
    public WriteReceipt handle(RetractAccount command, LedgerLookup lookup) {
        AccountRetracted retracted = new AccountRetracted(
                eventId,
                command.accountId(),
                command.retractionId(),
                command.citation(),
                command.reported(),
                command.reason());
        Recorded<AccountRetracted> earlier = retractions.get(command.retractionId());
        if (earlier != null) {
            return earlier.replayOrRefuse(
                    retracted,
                    eventId,
                    command.retractionId(),
                    "retractionId",
                    entityDescription("retraction", command.retractionId()));
        }
        References.requireExpectedVersion(command.expectedVersion(), version);
        requireLiveAccount(command.accountId(), "retract");
        References.requireKnown(lookup, EntityKind.SOURCE, command.citation().sourceId(), "citation.sourceId");
        apply(retracted);
        return WriteReceipt.recorded(eventId, command.retractionId(), version);
    }

    @CommandHandler
    public WriteReceipt handle(LinkEvents command, LedgerLookup lookup) {
        EventsLinked linked = new EventsLinked(
                eventId,
                command.linkId(),
                command.relation(),
                command.targetEventId(),
                command.citation(),
                command.accountId());
        Recorded<EventsLinked> earlier = links.get(command.linkId());
        if (earlier != null) {
            return earlier.replayOrRefuse(
                    linked, eventId, command.linkId(), "linkId", entityDescription("link", command.linkId()));
        }
        References.requireExpectedVersion(command.expectedVersion(), version);
        if (eventId.equals(command.targetEventId())) {
            throw CommandRefused.invalid("targetEventId", "an event cannot be linked to itself");
        }
        if (command.accountId() != null && !accounts.containsKey(command.accountId())) {
            throw CommandRefused.unknownReference(
                    "accountId", "diplomatic event '" + eventId + "' has no account '" + command.accountId() + "'");
        }
        References.requireUnusedElsewhere(lookup, EntityKind.LINK, command.linkId(), eventId, "linkId");
        References.requireKnown(lookup, EntityKind.EVENT, command.targetEventId(), "targetEventId");
        References.requireKnown(lookup, EntityKind.SOURCE, command.citation().sourceId(), "citation.sourceId");
        apply(linked);
        return WriteReceipt.recorded(eventId, command.linkId(), version);
    }

    /** An editor's flag points at an account; the account is not touched. */
    @CommandHandler
    public WriteReceipt handle(FlagAccount command, LedgerLookup lookup) {
        AccountFlagged flagged = new AccountFlagged(
                eventId, command.accountId(), command.flagId(), command.citation(), command.reason());
        return writeOnce(
                flags,
                flagged,
                command.flagId(),
                "flagId",
                "flag",
                command.expectedVersion(),
                command.citation(),
                lookup,
                () -> requireLiveAccount(command.accountId(), "flag"));
    }

    @CommandHandler
    public WriteReceipt handle(CorrectFlag command, LedgerLookup lookup) {
        FlagCorrected corrected = new FlagCorrected(
                eventId, command.flagId(), command.correctionId(), command.citation(), command.reason());
        return writeOnce(
                flagCorrections,
                corrected,
                command.correctionId(),
                "correctionId",
                "flag correction",
                command.expectedVersion(),
                command.citation(),
                lookup,
                () -> requireLiveFlag(command.flagId(), "correct"));
    }

    @CommandHandler
    public WriteReceipt handle(RetractFlag command, LedgerLookup lookup) {
        FlagRetracted retracted = new FlagRetracted(
                eventId, command.flagId(), command.retractionId(), command.citation(), command.reason());
        return writeOnce(
                flagRetractions,
                retracted,
                command.retractionId(),
                "retractionId",
                "flag retraction",
                command.expectedVersion(),
                command.citation(),
                lookup,
                () -> requireLiveFlag(command.flagId(), "retract"));
    }

    /**
     * A flag fact under a client's id: the same fact again is a replay, other content under the id a conflict;
     * otherwise it is applied once the version, what it points at ({@code mayApply}) and its cited source hold.
     */
    private <T> WriteReceipt writeOnce(
            Map<String, Recorded<T>> written,
            T fact,
            String id,
            String field,
            String noun,
            Long expectedVersion,
            Citation cited,
            LedgerLookup lookup,
            Runnable mayApply) {
        Recorded<T> earlier = written.get(id);
        if (earlier != null) {
            return earlier.replayOrRefuse(fact, eventId, id, field, entityDescription(noun, id));
        }
        References.requireExpectedVersion(expectedVersion, version);
        mayApply.run();
        References.requireKnown(lookup, EntityKind.SOURCE, cited.sourceId(), "citation.sourceId");
        apply(fact);
        return WriteReceipt.recorded(eventId, id, version);
    }

    private void requireLiveFlag(String flagId, String verb) {
        if (!flags.containsKey(flagId)) {
            throw CommandRefused.notFound("flagId", "diplomatic event '" + eventId + "' has no flag '" + flagId + "'");
        }
        String retraction = retractionOfFlag.get(flagId);
        if (retraction != null) {
            throw CommandRefused.invalid(
                    "flagId", "cannot " + verb + " flag '" + flagId + "': it was retracted by '" + retraction + "'");
        }
    }

    /** An account is kept as its source tells it; what is odd about its times is pointed out, not mended. */
    private static List<Anomaly> anomaliesOf(AccountClaims claims, String sourceId, LedgerLookup lookup) {
        return lookup.publicationOf(sourceId)
                .map(publication -> AccountAnomalies.of(claims, publication))
                .orElse(List.of());
    }

    private void requireLiveAccount(String accountId, String verb) {
        if (!accounts.containsKey(accountId)) {
            throw CommandRefused.notFound(
                    "accountId", "diplomatic event '" + eventId + "' has no account '" + accountId + "'");
        }
        String retraction = retractionOfAccount.get(accountId);
        if (retraction != null) {
            throw CommandRefused.invalid(
                    "accountId",
                    "cannot " + verb + " account '" + accountId + "': it was retracted by '" + retraction + "'");
        }
    }

    private String entityDescription(String noun, String id) {
        return noun + " '" + id + "' of diplomatic event '" + eventId + "' is already recorded";
    }

    @EventSourcingHandler
    void on(DiplomaticEventReported event, @SequenceNumber long sequence) {
        eventId = event.eventId();
        report = event;
        version = sequence;
    }

    @EventSourcingHandler
    void on(AccountRecorded event, @SequenceNumber long sequence) {
        accounts.put(event.accountId(), new Recorded<>(event, sequence));
        version = sequence;
    }

    @EventSourcingHandler
    void on(AccountCorrected event, @SequenceNumber long sequence) {
        corrections.put(event.correctionId(), new Recorded<>(event, sequence));
        version = sequence;
    }

    @EventSourcingHandler
    void on(AccountRetracted event, @SequenceNumber long sequence) {
        retractions.put(event.retractionId(), new Recorded<>(event, sequence));
        retractionOfAccount.put(event.accountId(), event.retractionId());
        version = sequence;
    }

    @EventSourcingHandler
    void on(AccountFlagged event, @SequenceNumber long sequence) {
        flags.put(event.flagId(), new Recorded<>(event, sequence));
        version = sequence;
    }

    @EventSourcingHandler
    void on(FlagCorrected event, @SequenceNumber long sequence) {
        flagCorrections.put(event.correctionId(), new Recorded<>(event, sequence));
        version = sequence;
    }

    @EventSourcingHandler
    void on(FlagRetracted event, @SequenceNumber long sequence) {
        flagRetractions.put(event.retractionId(), new Recorded<>(event, sequence));
        retractionOfFlag.put(event.flagId(), event.retractionId());
        version = sequence;
    }

    @EventSourcingHandler
    void on(EventsLinked event, @SequenceNumber long sequence) {
        links.put(event.linkId(), new Recorded<>(event, sequence));
        version = sequence;
    }
}
