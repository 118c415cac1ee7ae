package org.parley.history.service.narratives.write;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.ReviseNarrative;
import org.parley.history.contract.event.NarrativeDefined;
import org.parley.history.contract.event.NarrativeRevised;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.service.commands.CommandRefused;
import org.parley.history.service.commands.EntityKind;
import org.parley.history.service.commands.LedgerLookup;
import org.parley.history.service.commands.Recorded;
import org.parley.history.service.commands.References;
import org.parley.history.service.commands.WriteReceipt;

/** A named lens over the ledger: which sources, outlets, accounts and links make up one version of the story. */
@Aggregate(
        commandTargetResolver = "parleyCommandTargetResolver",
        cache = "ledgerAggregateCache",
        filterEventsByType = true)
public class Narrative {

    /** The built-in narrative that selects everything; nobody defines it. */
    public static final String ALL_SOURCES = "all-sources";

    @AggregateIdentifier
    private String narrativeId;

    private long version;
    private NarrativeDefined definition;
    private final Map<String, Recorded<NarrativeRevised>> revisions = new HashMap<>();

    protected Narrative() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WriteReceipt handle(DefineNarrative command, LedgerLookup lookup) {
        NarrativeDefined defined = new NarrativeDefined(
                command.narrativeId(), command.title(), command.description(), command.selection());
        if (definition != null) {
            return new Recorded<>(definition, 0)
                    .replayOrRefuse(
                            defined,
                            narrativeId,
                            narrativeId,
                            "narrativeId",
                            "narrative '" + narrativeId + "' is already defined");
        }
        if (ALL_SOURCES.equals(command.narrativeId())) {
            throw CommandRefused.invalid("narrativeId", "'" + ALL_SOURCES + "' is the built-in narrative");
        }
        References.requireFreeAggregateId(lookup, EntityKind.NARRATIVE, command.narrativeId(), "narrativeId");
        requireKnownSelection(lookup, command.selection());
        apply(defined);
        return WriteReceipt.recorded(narrativeId, narrativeId, version);
    }

    @CommandHandler
    public WriteReceipt handle(ReviseNarrative command, LedgerLookup lookup) {
        NarrativeRevised revised = new NarrativeRevised(
                narrativeId, command.revisionId(), command.title(), command.description(), command.selection());
        Recorded<NarrativeRevised> earlier = revisions.get(command.revisionId());
        if (earlier != null) {
            return earlier.replayOrRefuse(
                    revised,
                    narrativeId,
                    command.revisionId(),
                    "revisionId",
                    "revision '" + command.revisionId() + "' of narrative '" + narrativeId + "' is already recorded");
        }
        References.requireExpectedVersion(command.expectedVersion(), version);
        requireKnownSelection(lookup, command.selection());
        apply(revised);
        return WriteReceipt.recorded(narrativeId, command.revisionId(), version);
    }

    private static void requireKnownSelection(LedgerLookup lookup, NarrativeSelection selection) {
        References.requireAllKnown(lookup, EntityKind.SOURCE, selection.sourceIds(), "selection.sourceIds");
        References.requireAllKnown(lookup, EntityKind.ACCOUNT, selection.accountIds(), "selection.accountIds");
        References.requireAllKnown(lookup, EntityKind.LINK, selection.linkIds(), "selection.linkIds");
    }

    @EventSourcingHandler
    void on(NarrativeDefined event, @SequenceNumber long sequence) {
        narrativeId = event.narrativeId();
        definition = event;
        version = sequence;
    }

    @EventSourcingHandler
    void on(NarrativeRevised event, @SequenceNumber long sequence) {
        revisions.put(event.revisionId(), new Recorded<>(event, sequence));
        version = sequence;
    }
}
