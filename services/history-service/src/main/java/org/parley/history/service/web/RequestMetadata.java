package org.parley.history.service.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.parley.history.service.commands.CommandImport;
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

    private static String clientIdOrFresh(HttpServletRequest request, String header) {
        String value = request.getHeader(header);
        if (value == null || value.isBlank()) {
            return UUID.randomUUID().toString();
        }
        requireId(value, header);
        return value;
    }

    static void requireId(String value, String field) {
        CommandImport.requireId(value, field);
    }
}
