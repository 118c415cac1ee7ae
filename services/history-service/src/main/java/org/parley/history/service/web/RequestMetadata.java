package org.parley.history.service.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.parley.history.service.commands.CommandConstraints;
import org.parley.history.service.commands.InvalidCommand;
import org.parley.history.service.commands.InvalidCommand.FieldViolation;
import org.parley.history.service.ledger.LedgerMetadata;

/**
 * The metadata a request gives the events it causes: who sent it (the authenticated principal; never a value from
 * the body), its correlation id and its command id (the client's, from headers, or fresh ones).
 */
final class RequestMetadata {

    static final String CORRELATION_HEADER = "X-Correlation-Id";
    static final String COMMAND_ID_HEADER = "X-Command-Id";
    static final String ANONYMOUS = "anonymous";

    private RequestMetadata() {}

    static Map<String, String> of(HttpServletRequest request) {
        Map<String, String> metadata = new HashMap<>();
        Principal principal = request.getUserPrincipal();
        metadata.put(LedgerMetadata.RECORDED_BY, principal == null ? ANONYMOUS : principal.getName());
        metadata.put(LedgerMetadata.CORRELATION_ID, clientIdOrFresh(request, CORRELATION_HEADER));
        metadata.put(LedgerMetadata.COMMAND_ID, clientIdOrFresh(request, COMMAND_ID_HEADER));
        return metadata;
    }

    static Map<String, String> forLine(Map<String, String> request, String commandId) {
        Map<String, String> metadata = new HashMap<>(request);
        metadata.put(LedgerMetadata.COMMAND_ID, commandId);
        return metadata;
    }

    private static String clientIdOrFresh(HttpServletRequest request, String header) {
        String value = request.getHeader(header);
        if (value == null || value.isBlank()) {
            return UUID.randomUUID().toString();
        }
        requireId(value, header);
        return value;
    }

    static void requireId(String value, String field) {
        if (value.length() > CommandConstraints.ID_MAX || !value.matches(CommandConstraints.ID_PATTERN)) {
            throw new InvalidCommand(List.of(new FieldViolation(
                    field,
                    "must be at most " + CommandConstraints.ID_MAX
                            + " letters, digits, '.', '_', ':' or '-', starting with a letter or digit")));
        }
    }
}
