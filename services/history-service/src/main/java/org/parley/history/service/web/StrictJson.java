package org.parley.history.service.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.stereotype.Component;

/**
 * How Parley reads what clients send, request bodies and import lines alike: UTF-8 only, exactly one JSON object,
 * each field once, and every value of the JSON type its field has (no number read as text, no text or fraction
 * read as a whole number, no number read as a name from a list).
 *
 * <p>A copy of the application's mapper, not the mapper itself: that one is also Axon's serializer for the stored
 * ledger and its tokens, and the read model's, and a rule for new input must never make an event stored years ago
 * unreadable.
 */
@Component
public class StrictJson {

    private final ObjectMapper mapper;

    StrictJson(ObjectMapper shared) {
        this.mapper = strict(shared.copy());
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** One JSON object from a whole body or import line, or a refusal saying where it goes wrong. */
    ObjectNode readObject(byte[] bytes) throws IOException {
        int malformed = firstMalformedByte(bytes);
        if (malformed >= 0) {
            throw notUtf8(bytes, malformed);
        }
        try (JsonParser parser = mapper.createParser(bytes)) {
            // read without the mapper's own trailing check, so that the refusal below can say where the rest starts
            JsonNode tree = mapper.reader()
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new UnreadableBody("holds no JSON", null, -1, null);
            }
            long end = parser.currentLocation().getByteOffset();
            if (nextToken(parser)) {
                throw new UnreadableBody(
                        "holds more after its JSON value ends: one object is one command",
                        null,
                        Math.max(end, parser.currentTokenLocation().getByteOffset()),
                        null);
            }
            if (!(tree instanceof ObjectNode object)) {
                throw new UnreadableBody("must be a JSON object, not " + article(tree), null, -1, null);
            }
            return object;
        }
    }

    <T> T read(byte[] bytes, JavaType type) throws IOException {
        return mapper.treeToValue(readObject(bytes), type);
    }

    <T> T read(ObjectNode object, Class<T> type) throws JsonProcessingException {
        return mapper.treeToValue(object, type);
    }

    /** The field a parser was in, as a client writes it: {@code claims.participants[1]}; null at the top. */
    static String fieldOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.addFirst("[" + Math.max(0, at.getCurrentIndex()) + "]");
            } else if (at.getCurrentName() != null) {
                parts.addFirst("." + at.getCurrentName());
            }
        }
        String field = String.join("", parts);
        return field.isEmpty() ? null : field.startsWith(".") ? field.substring(1) : field;
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        }
        // a whole number is a number like any other
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                .setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (LogicalType structured : new LogicalType[] {LogicalType.POJO, LogicalType.Collection, LogicalType.Map}) {
            mapper.coercionConfigFor(structured)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        return mapper;
    }

    /** Whether anything but whitespace follows; what follows need not be valid JSON to be refused. */
    private static boolean nextToken(JsonParser parser) {
        try {
            JsonToken next = parser.nextToken();
            return next != null;
        } catch (IOException notEvenJson) {
            return true;
        }
    }

    /**
     * Where the first byte that is not part of well-formed UTF-8 starts, or -1. Java's decoder is the strict one:
     * it refuses overlong forms, encoded surrogates and code points past U+10FFFF, which Jackson would let through.
     */
    static int firstMalformedByte(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.min(Math.max(bytes.length, 16), 8192));
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    /**
     * Which field the bad byte is in: the bytes before it are good UTF-8, so the parser can walk them until they
     * run out, and where it stands then is the field. Inside a text, the position counts the characters before it.
     */
    private UnreadableBody notUtf8(byte[] bytes, int malformed) {
        String field = null;
        Integer position = null;
        try (JsonParser parser = mapper.createParser(bytes, 0, malformed)) {
            JsonToken last = null;
            long textStart = -1;
            try {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    last = token;
                    textStart = parser.currentTokenLocation().getByteOffset();
                }
            } catch (IOException endOfTheGoodBytes) {
                // where the parser stands is what matters
            }
            JsonStreamContext at = parser.getParsingContext();
            if (last == JsonToken.VALUE_STRING) {
                field = fieldOf(at);
                position = charactersBefore(bytes, (int) textStart, malformed);
            } else {
                field = fieldOf(at.getParent());
            }
        } catch (IOException | RuntimeException cannotTell) {
            // the refusal stands without the field
        }
        String reason = String.format(
                "holds a byte that is not UTF-8 (0x%02X at byte offset %d)%s; JSON is UTF-8",
                bytes[malformed] & 0xFF, malformed, position == null ? "" : " at character " + position);
        return new UnreadableBody(reason, field, malformed, position);
    }

    /** The characters of the text that starts with the quote at {@code quote} and runs up to {@code end}, plus 1. */
    private Integer charactersBefore(byte[] bytes, int quote, int end) {
        byte[] text = new byte[end - quote + 1];
        System.arraycopy(bytes, quote, text, 0, end - quote);
        text[text.length - 1] = '"';
        try {
            String before = mapper.readValue(text, String.class);
            return before.codePointCount(0, before.length()) + 1;
        } catch (IOException halfAnEscape) {
            return null;
        }
    }

    private static String article(JsonNode tree) {
        return switch (tree.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> "this";
        };
    }
}
