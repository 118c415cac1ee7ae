package org.parley.history.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.account;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;
import static org.parley.history.service.commands.LedgerFixtures.reportEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parley.history.contract.command.CorrectAccount;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.RetractAccount;
import org.parley.history.contract.command.ReviseNarrative;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.LinkRelation;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A fuzz test: thousands of malformed, oversized, wrongly typed, control-character and injection-laden bodies
 * and parameters, mutated from valid commands, at every write and query endpoint: values of another JSON type,
 * duplicate keys, content after the object, bytes that are not UTF-8. Never a 5xx, always a problem for a refusal,
 * never a Java or library name in it, and a refused request never changes the ledger. The seed is fixed so that a
 * failure reproduces.
 */
class HostileInputIT extends IntegrationTest {

    private static final long SEED = 20261123L;
    private static final int REQUESTS = Integer.getInteger("parley.hostile.requests", 5000);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> HOSTILE = List.of(
            "'; DROP TABLE domain_event_entry; --",
            "\" OR 1=1 --",
            "${jndi:ldap://127.0.0.1/x}",
            "${1+1}",
            "{jakarta.validation.constraints.NotNull.message}",
            "<script>alert(1)</script>",
            "\u0000\u0001\u0002\u001b[31m",
            "Istanbul\u0000",
            "bell\u0007",
            "del\u007f",
            "c1\u0085\u009f",
            "cr\r\nlf",
            "\u202e\u200b\ufeff",
            "\ud800",
            "low\udc00first",
            "🕊 pair kept, half \ud83d",
            "../../etc/passwd",
            "",
            " ",
            "x".repeat(5000),
            "9".repeat(400),
            "2022-13-45",
            "-99999-01",
            "NaN");

    private static final Pattern NO_SOURCE_TEXT =
            Pattern.compile("\\\\u00(0[0-8BbCcEeFf]|1[0-9A-Fa-f]|7[Ff]|[89][0-9A-Fa-f])|\\\\r"
                    // half a surrogate pair; a whole pair is how Jackson's UTF-8 writer escapes a character beyond
                    // the BMP, so an escaped high half followed by an escaped low half is text a source can hold
                    + "|\\\\u[Dd][89ABab][0-9A-Fa-f]{2}(?!\\\\u[Dd][C-Fc-f][0-9A-Fa-f]{2})"
                    + "|(?<!\\\\u[Dd][89ABab][0-9A-Fa-f]{2})\\\\u[Dd][C-Fc-f][0-9A-Fa-f]{2}"
                    + "|[\\x{7f}-\\x{9f}]");

    private final Random random = new Random(SEED);

    @Test
    void hostile_input_never_breaks_the_service_and_never_writes_when_refused() {
        // a rebuild another test asked for answers 503 until done: the fuzz starts from a read model that answers
        awaitReadModel();
        Map<String, List<JsonNode>> valid = validCommands();
        int refused = 0;
        int accepted = 0;
        List<String> failures = new ArrayList<>();

        long start = ledgerHead();
        long[] nanos = new long[3];
        int[] counts = new int[3];
        for (int i = 0; i < REQUESTS; i++) {
            long before = ledgerSize();
            long started = System.nanoTime();
            ResponseEntity<String> answer;
            String request;
            int pick = random.nextInt(10);
            if (pick < 7) {
                // sorted: Map.of's order changes from one JVM to the next, and the seed must replay the same requests
                List<String> paths = valid.keySet().stream().sorted().toList();
                String path = paths.get(random.nextInt(paths.size()));
                List<JsonNode> bodies = valid.get(path);
                String body = mutate(bodies.get(random.nextInt(bodies.size())).deepCopy());
                byte[] bytes = corrupt(body);
                request = "POST " + path + " " + abbreviate(new String(bytes, StandardCharsets.UTF_8));
                answer = send(HttpMethod.POST, path, bytes, MediaType.APPLICATION_JSON);
            } else if (pick < 8) {
                String lines = mutate(line(valid)) + "\n" + mutate(line(valid)) + "\n" + hostile();
                byte[] bytes = corrupt(lines);
                request = "POST /api/import " + abbreviate(new String(bytes, StandardCharsets.UTF_8));
                answer = send(HttpMethod.POST, "/api/import", bytes, MediaType.parseMediaType("application/x-ndjson"));
            } else {
                String path =
                        switch (random.nextInt(8)) {
                            case 0 -> "/api/ledger?after=" + encoded() + "&limit=" + encoded() + "&aggregateId="
                                    + encoded();
                            case 1 -> "/api/audit?recordedBy=" + encoded() + "&limit=" + encoded();
                            case 2 -> "/api/narratives/" + segment() + "/timeline?asOf=" + encoded() + "&recordedAsOf="
                                    + encoded() + "&occurredFrom=" + encoded() + "&limit=" + encoded() + "&after="
                                    + encoded();
                            case 3 -> "/api/narratives/all-sources/comparison?with=" + encoded() + "&asOf=" + encoded();
                            case 4 -> "/api/narratives/" + segment() + "/evolution?from=" + encoded() + "&to="
                                    + encoded() + "&step=" + encoded();
                            case 5 -> "/api/events/" + segment() + "/history?asOf=" + encoded();
                            case 6 -> "/api/sources/" + segment() + "?recordedAsOf=" + encoded();
                            default -> "/api/sources?asOf=" + encoded();
                        };
                request = "GET " + path;
                answer = send(HttpMethod.GET, path, null, MediaType.APPLICATION_JSON);
            }
            int kind = pick < 7 ? 0 : pick < 8 ? 1 : 2;
            nanos[kind] += System.nanoTime() - started;
            counts[kind]++;
            int status = answer.getStatusCode().value();
            long after = ledgerSize();
            String leak = status >= 400 ? leakIn(answer.getBody()) : null;
            if (leak != null) {
                failures.add("a refusal that shows " + leak + ": " + abbreviate(answer.getBody()) + " for " + request);
            }
            if (status >= 500) {
                failures.add(status + " for " + request + ": " + abbreviate(answer.getBody()));
            } else if (status >= 400) {
                refused++;
                if (after != before) {
                    failures.add("a refused request changed the ledger: " + request);
                }
                if (!MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(
                        answer.getHeaders().getContentType())) {
                    failures.add("a refusal that is not a problem ("
                            + answer.getHeaders().getContentType() + "): " + request);
                }
            } else {
                accepted++;
            }
        }

        System.out.printf(
                "HostileInputIT: %d requests, %d refused (4xx), %d accepted, %d failures (seed %d)%n",
                REQUESTS, refused, accepted, failures.size(), SEED);
        System.out.printf(
                "HostileInputIT timing: writes %d in %d ms, imports %d in %d ms, queries %d in %d ms%n",
                counts[0], nanos[0] / 1_000_000, counts[1], nanos[1] / 1_000_000, counts[2], nanos[2] / 1_000_000);
        assertThat(failures).isEmpty();
        assertThat(refused).isGreaterThan(REQUESTS / 2);
        // what was accepted holds only text a source could contain: the stored JSON escapes C0 controls and half a
        // surrogate pair, holds DEL and C1 as they are, and is UTF-8 (convert_from refuses anything else)
        List<String> stored = jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE global_index > ?",
                String.class,
                start);
        assertThat(stored)
                .isNotEmpty()
                .noneMatch(payload -> NO_SOURCE_TEXT.matcher(payload).find());
    }

    private Map<String, List<JsonNode>> validCommands() {
        String sourceId = unique("fuzz-source");
        String eventId = unique("fuzz-event");
        String otherEventId = unique("fuzz-other");
        String accountId = unique("fuzz-account");
        String narrativeId = unique("fuzz-narrative");
        post("/api/sources", registerSource(sourceId));
        post("/api/events", reportEvent(eventId, sourceId));
        post("/api/events", reportEvent(otherEventId, sourceId));
        post("/api/accounts", account(eventId, accountId, sourceId, "Istanbul"));
        NarrativeSelection selection = new NarrativeSelection(List.of(sourceId), List.of(), List.of(), List.of());
        post(
                "/api/narratives",
                new org.parley.history.contract.command.DefineNarrative(narrativeId, "Fuzzed", "d", selection));
        AccountClaims claims = new AccountClaims(null, "Minsk", null, null, null, null, null, null);
        return Map.of(
                "/api/sources", List.of(tree(registerSource(unique("fuzz-new-source")))),
                "/api/events", List.of(tree(reportEvent(unique("fuzz-new-event"), sourceId))),
                "/api/accounts", List.of(tree(account(eventId, unique("fuzz-new-account"), sourceId, "Gomel"))),
                "/api/corrections",
                        List.of(tree(new CorrectAccount(
                                eventId,
                                accountId,
                                unique("fuzz-correction"),
                                Citation.of(sourceId, "¶2"),
                                claims,
                                null,
                                "r",
                                null))),
                "/api/retractions",
                        List.of(tree(new RetractAccount(
                                eventId,
                                accountId,
                                unique("fuzz-retraction"),
                                Citation.of(sourceId, "¶3"),
                                null,
                                "r",
                                null))),
                "/api/links",
                        List.of(tree(new LinkEvents(
                                eventId,
                                unique("fuzz-link"),
                                LinkRelation.CAUSED,
                                otherEventId,
                                Citation.of(sourceId, "¶4"),
                                accountId,
                                null))),
                "/api/narratives",
                        List.of(tree(new DefineNarrative(unique("fuzz-new-narrative"), "t", "d", selection))),
                "/api/narrative-revisions",
                        List.of(tree(
                                new ReviseNarrative(narrativeId, unique("fuzz-revision"), "t", "d", selection, null))));
    }

    /** One to three random mutations of a valid command, or of its text. */
    private String mutate(JsonNode command) {
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            List<ObjectNode> objects = new ArrayList<>();
            collectObjects(command, objects);
            ObjectNode target = objects.get(random.nextInt(objects.size()));
            List<String> fields = new ArrayList<>();
            target.fieldNames().forEachRemaining(fields::add);
            String field = fields.isEmpty() ? "extra" : fields.get(random.nextInt(fields.size()));
            switch (random.nextInt(10)) {
                case 0 -> target.remove(field);
                case 1 -> target.put(field, hostile());
                case 2 -> target.put(field, random.nextLong());
                case 3 -> target.set(field, deepArray(1 + random.nextInt(300)));
                case 4 -> target.putNull(field);
                case 5 -> target.put(hostile().replace("\"", ""), "unexpected");
                case 6 -> target.set(field, JSON.objectNode().put("value", hostile()));
                    // values of another JSON type, each of which Jackson would coerce by default
                case 7 -> target.put(field, random.nextBoolean());
                case 8 -> target.put(field, random.nextBoolean() ? 12.5 : 3);
                default -> target.set(field, JSON.arrayNode().add(1).add(random.nextBoolean()));
            }
        }
        String text = command.toString();
        String firstField =
                command.fieldNames().hasNext() ? command.fieldNames().next() : "x";
        return switch (random.nextInt(12)) {
            case 0 -> text.substring(0, random.nextInt(text.length()));
            case 1 -> text + "}}}" + hostile();
            case 2 -> text.replace(":", random.nextBoolean() ? "::" : ": [");
            case 3 -> "{\"" + firstField + "\": \"duplicate\", " + text.substring(1);
            case 4 -> text + text;
            case 5 -> text.replace("\"expectedVersion\":", "\"expectedVersion\": \"3\", \"ignored\":");
            default -> text;
        };
    }

    private static final int[][] NOT_UTF8 = {
        {0xFF}, {0x80}, {0xC0, 0x80}, {0xC3}, {0xED, 0xA0, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xE2, 0x82}
    };

    /** Sometimes a sequence that is not UTF-8, somewhere in the text. */
    private byte[] corrupt(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(6) != 0) {
            return bytes;
        }
        int at = random.nextInt(bytes.length + 1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(bytes, 0, at);
        for (int b : NOT_UTF8[random.nextInt(NOT_UTF8.length)]) {
            out.write(b);
        }
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
        }
        Iterator<JsonNode> children = node.elements();
        children.forEachRemaining(child -> collectObjects(child, objects));
    }

    private static ArrayNode deepArray(int depth) {
        ArrayNode root = JSON.arrayNode();
        ArrayNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    private JsonNode line(Map<String, List<JsonNode>> valid) {
        ObjectNode line = (ObjectNode) valid.get("/api/accounts").get(0).deepCopy();
        line.put("type", random.nextInt(5) == 0 ? hostile() : "RecordAccount");
        return line;
    }

    private String hostile() {
        return HOSTILE.get(random.nextInt(HOSTILE.size()));
    }

    /** A path segment: sometimes a real id, mostly hostile text. */
    private String segment() {
        String text = random.nextInt(4) == 0 ? "all-sources" : hostile();
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private String encoded() {
        return java.net.URLEncoder.encode(hostile(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private JsonNode tree(Object command) {
        return objectMapper.valueToTree(command);
    }

    private ResponseEntity<String> send(HttpMethod method, String path, byte[] body, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        java.net.URI uri = org.springframework.web.util.UriComponentsBuilder.fromUriString(path)
                .build(true)
                .toUri();
        return http.exchange(uri, method, new HttpEntity<>(body, headers), String.class);
    }

    /** What an error body must never show: stack frames, class names, SQL. */
    private static String leakIn(String body) {
        if (body == null) {
            return null;
        }
        for (String sign : List.of(
                "org.parley",
                "org.springframework",
                "org.axonframework",
                "java.",
                "Exception",
                "\tat ",
                "SQLState",
                "PSQL",
                "SELECT ",
                "INSERT ")) {
            if (body.contains(sign)) {
                return sign;
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
