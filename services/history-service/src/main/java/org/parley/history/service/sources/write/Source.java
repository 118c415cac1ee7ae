package org.parley.history.service.sources.write;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.event.SourceRegistered;
import org.parley.history.service.commands.EntityKind;
import org.parley.history.service.commands.LedgerLookup;
import org.parley.history.service.commands.Recorded;
import org.parley.history.service.commands.References;
import org.parley.history.service.commands.WriteReceipt;

/** A document or utterance that reports something, and where it comes from. */
@Aggregate(
        commandTargetResolver = "parleyCommandTargetResolver",
        cache = "ledgerAggregateCache",
        filterEventsByType = true)
public class Source {

    @AggregateIdentifier
    private String sourceId;

    private SourceRegistered registration;

    protected Source() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WriteReceipt handle(RegisterSource command, LedgerLookup lookup) {
        SourceRegistered registered = new SourceRegistered(
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
        if (registration != null) {
            return new Recorded<>(registration, 0)
                    .replayOrRefuse(
                            registered,
                            sourceId,
                            sourceId,
                            "sourceId",
                            "source '" + sourceId + "' is already registered");
        }
        References.requireFreeAggregateId(lookup, EntityKind.SOURCE, command.sourceId(), "sourceId");
        References.requireKnown(lookup, EntityKind.SOURCE, command.republicationOf(), "republicationOf");
        References.requireAllKnown(lookup, EntityKind.SOURCE, command.restsOn(), "restsOn");
        apply(registered);
        return WriteReceipt.recorded(sourceId, sourceId, 0);
    }

    @EventSourcingHandler
    void on(SourceRegistered event) {
        sourceId = event.sourceId();
        registration = event;
    }
}
