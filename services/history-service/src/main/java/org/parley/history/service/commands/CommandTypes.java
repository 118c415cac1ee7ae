package org.parley.history.service.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The command a bulk-import line or seed entry holds; {@code "type"} is taken off the node. */
    public static ParleyCommand fromLine(ObjectNode line, ObjectMapper json) throws JsonProcessingException {
        JsonNode type = line.remove("type");
        Class<? extends ParleyCommand> commandType = named(type == null ? null : type.asText())
                .orElseThrow(() -> new InvalidCommand(
                        List.of(new InvalidCommand.FieldViolation("type", "must be one of " + names()))));
        return json.treeToValue(line, commandType);
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends ParleyCommand> commandType(Class<?> type) {
        return (Class<? extends ParleyCommand>) type;
    }
}
