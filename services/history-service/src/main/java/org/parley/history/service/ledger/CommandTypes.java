package org.parley.history.service.ledger;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.history.contract.command.ParleyCommand;

/** The commands by the names that bulk-import lines and seed files give in their {@code "type"}. */
public final class CommandTypes {

    private static final Map<String, Class<? extends ParleyCommand>> BY_NAME = Arrays.stream(
                    ParleyCommand.class.getPermittedSubclasses())
            .map(CommandTypes::commandType)
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private CommandTypes() {}

    public static Optional<Class<? extends ParleyCommand>> named(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends ParleyCommand> commandType(Class<?> type) {
        return (Class<? extends ParleyCommand>) type;
    }
}
