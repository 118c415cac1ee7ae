package org.parley.history.service.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.history.contract.command.ParleyCommand;
import org.parley.history.service.commands.InvalidCommand.FieldViolation;
import org.parley.history.service.ledger.LedgerMetadata;
import org.springframework.stereotype.Component;

/**
 * One command written as JSON — {@code {"type": "RecordAccount", "commandId": ..., ...the command's fields}} — read
 * and dispatched: the one way the bulk import's lines and the seed files' entries become ledger writes. The
 * {@code commandId}, if given, must have the shape of an id; without one, the caller's own command id is used.
 */
@Component
public class CommandImport {

    /** What one imported command became: its type, and the dispatcher's receipt. */
    public record Imported(String type, WriteReceipt receipt) {}

    private final CommandDispatcher dispatcher;

    CommandImport(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Reads the command out of {@code entry} with {@code reader} (which decides how strictly its values are read)
     * and dispatches it with {@code metadata} and its command id. Refusals are thrown, as the dispatcher throws them.
     */
    public Imported dispatch(ObjectNode entry, ObjectMapper reader, String fallbackCommandId, Map<String, ?> metadata)
            throws JsonProcessingException {
        ObjectNode command = entry.deepCopy();
        String type = typeOf(command);
        JsonNode given = command.remove("commandId");
        String commandId = fallbackCommandId;
        if (given != null) {
            commandId = text(given, "commandId");
            requireId(commandId, "commandId");
        }
        ParleyCommand parsed = CommandTypes.fromLine(command, reader);
        Map<String, Object> withId = new HashMap<>(metadata);
        withId.put(LedgerMetadata.COMMAND_ID, commandId);
        return new Imported(type, dispatcher.dispatch(parsed, withId));
    }

    /** The command's type as written, for a report that names it even when the command is refused. */
    public static String typeOf(ObjectNode entry) {
        return text(entry.get("type"), "type");
    }

    /** The type and command id are text, like every name and id, never a number read as one. */
    private static String text(JsonNode value, String field) {
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidCommand(List.of(new FieldViolation(field, "must be a string")));
        }
        return value.asText();
    }

    /** A client-supplied id (a command id, a correlation id) has the shape of every id on the ledger. */
    public static void requireId(String value, String field) {
        if (value == null
                || value.length() > CommandConstraints.ID_MAX
                || !value.matches(CommandConstraints.ID_PATTERN)) {
            throw new InvalidCommand(List.of(new FieldViolation(
                    field,
                    "must be at most " + CommandConstraints.ID_MAX
                            + " letters, digits, '.', '_', ':' or '-', starting with a letter or digit")));
        }
    }
}
