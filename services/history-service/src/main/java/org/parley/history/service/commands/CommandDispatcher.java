package org.parley.history.service.commands;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.hibernate.validator.engine.HibernateConstraintViolation;
import org.parley.history.contract.command.CorrectAccount;
import org.parley.history.contract.command.CorrectFlag;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.FlagAccount;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.ParleyCommand;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.command.RetractAccount;
import org.parley.history.contract.command.RetractFlag;
import org.parley.history.contract.command.ReviseNarrative;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way into the ledger, for single requests and bulk imports alike: checks a command's shape, makes sure
 * it is addressed to an aggregate of the right kind, and sends it with the request's metadata. A write that lost a
 * race with another instance is tried again, so that it either lands after the other or is refused with the
 * current version; it is never lost silently.
 */
@Service
public class CommandDispatcher {

    private static final int ATTEMPTS = 10;

    private record Target(EntityKind kind, String field, boolean creates) {}

    private static final Map<Class<? extends ParleyCommand>, Target> TARGETS = Map.ofEntries(
            Map.entry(RegisterSource.class, new Target(EntityKind.SOURCE, "sourceId", true)),
            Map.entry(ReportDiplomaticEvent.class, new Target(EntityKind.EVENT, "eventId", true)),
            Map.entry(RecordAccount.class, new Target(EntityKind.EVENT, "eventId", false)),
            Map.entry(CorrectAccount.class, new Target(EntityKind.EVENT, "eventId", false)),
            Map.entry(RetractAccount.class, new Target(EntityKind.EVENT, "eventId", false)),
            Map.entry(LinkEvents.class, new Target(EntityKind.EVENT, "eventId", false)),
            Map.entry(FlagAccount.class, new Target(EntityKind.EVENT, "eventId", false)),
            Map.entry(CorrectFlag.class, new Target(EntityKind.EVENT, "eventId", false)),
            Map.entry(RetractFlag.class, new Target(EntityKind.EVENT, "eventId", false)),
            Map.entry(DefineNarrative.class, new Target(EntityKind.NARRATIVE, "narrativeId", true)),
            Map.entry(ReviseNarrative.class, new Target(EntityKind.NARRATIVE, "narrativeId", false)));

    private final CommandGateway commandGateway;
    private final Validator validator;
    private final LedgerLookup lookup;
    private final EventStore eventStore;
    private final TransactionTemplate attempt;

    CommandDispatcher(
            CommandGateway commandGateway,
            Validator validator,
            LedgerLookup lookup,
            EventStore eventStore,
            PlatformTransactionManager transactions) {
        this.commandGateway = commandGateway;
        this.attempt = new TransactionTemplate(transactions);
        this.attempt.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.validator = validator;
        this.lookup = lookup;
        this.eventStore = eventStore;
    }

    public WriteReceipt dispatch(ParleyCommand command, Map<String, ?> metadata) {
        requireWellFormed(command);
        Target target = TARGETS.get(command.getClass());
        requireTargetOfItsKind(command.targetId(), target);
        for (int attempt = 1; ; attempt++) {
            try {
                return send(command, metadata);
            } catch (ConcurrencyException | AggregateStreamCreationException lostRace) {
                if (attempt == ATTEMPTS) {
                    long current =
                            eventStore.lastSequenceNumberFor(command.targetId()).orElse(-1L);
                    throw CommandRefused.contended(target.field(), command.targetId(), current);
                }
                pauseBeforeRetry(attempt);
            } catch (AggregateNotFoundException gone) {
                // the lookup knew the target, yet its stream was not found: as good as never written
                throw CommandRefused.notFound(
                        target.field(), "nothing on the ledger is called '" + command.targetId() + "'");
            }
        }
    }

    /**
     * Inside a batch's transaction each attempt gets a savepoint: a lost race fails the attempt's insert, and
     * PostgreSQL accepts nothing more in that transaction until it is rolled back to before the attempt.
     */
    private WriteReceipt send(ParleyCommand command, Map<String, ?> metadata) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
        }
        return attempt.execute(status -> commandGateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata))));
    }

    /** Another instance appended to the same aggregate first; a short random pause spreads the retries. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a contended write", e);
        }
    }

    private void requireWellFormed(ParleyCommand command) {
        Set<ConstraintViolation<ParleyCommand>> violations = validator.validate(command);
        if (!violations.isEmpty()) {
            List<InvalidCommand.FieldViolation> fields = violations.stream()
                    .map(CommandDispatcher::violationOf)
                    .sorted(Comparator.comparing(InvalidCommand.FieldViolation::field)
                            .thenComparing(InvalidCommand.FieldViolation::reason))
                    .toList();
            throw new InvalidCommand(fields);
        }
    }

    /**
     * A violation as the client reads it: the field as written in JSON ({@code authors[1]}, not the validator's
     * {@code authors[1].<list element>}), the reason, and for text the position of the bad character.
     */
    static InvalidCommand.FieldViolation violationOf(ConstraintViolation<?> violation) {
        return new InvalidCommand.FieldViolation(
                violation.getPropertyPath().toString().replaceAll("\\.<[a-z ]+>", ""),
                violation.getMessage(),
                ((HibernateConstraintViolation<?>) violation.unwrap(HibernateConstraintViolation.class))
                        .getDynamicPayload(Integer.class));
    }

    /**
     * Sources, events and narratives share the event table, so an id must never reach an aggregate of another
     * kind: Axon would load that aggregate's events into this one.
     */
    private void requireTargetOfItsKind(String targetId, Target target) {
        Optional<EntityKind> existing = lookup.aggregateKindOf(targetId);
        if (target.creates()) {
            existing.filter(kind -> kind != target.kind()).ifPresent(kind -> {
                throw CommandRefused.idConflict(
                        target.field(), "'" + targetId + "' already names a " + kind.description());
            });
        } else if (existing.filter(kind -> kind == target.kind()).isEmpty()) {
            throw CommandRefused.notFound(
                    target.field(), "no " + target.kind().description() + " '" + targetId + "' is on the ledger");
        }
    }
}
