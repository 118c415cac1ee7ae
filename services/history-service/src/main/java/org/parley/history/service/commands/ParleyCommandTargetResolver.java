package org.parley.history.service.commands;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.parley.history.contract.command.ParleyCommand;
import org.springframework.stereotype.Component;

/** Contract commands carry no Axon annotations; they name their target through {@link ParleyCommand}. */
@Component
public final class ParleyCommandTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof ParleyCommand parleyCommand) {
            return new VersionedAggregateIdentifier(parleyCommand.targetId(), null);
        }
        throw new IllegalArgumentException("not a Parley command: " + command.getPayloadType());
    }
}
