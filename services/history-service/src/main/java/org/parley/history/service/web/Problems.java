package org.parley.history.service.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.parley.history.service.commands.CommandRefused;
import org.parley.history.service.commands.InvalidCommand;
import org.parley.history.service.commands.InvalidCommand.FieldViolation;
import org.parley.history.service.database.DatabaseOutage;
import org.parley.history.service.readmodel.InvalidQuery;
import org.parley.history.service.readmodel.ReadModelStatus;
import org.parley.history.service.readmodel.ReadModelUnavailable;
import org.parley.history.service.readmodel.ReadNotFound;
import org.parley.history.service.readmodel.RebuildAlreadyRunning;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Every refusal Parley gives, as an RFC 9457 problem that names the field and the reason. The one place where
 * failures become responses, for single requests and for each line of a bulk import.
 */
public final class Problems {

    static final String TYPE_PREFIX = "urn:parley:problem:";

    /** Set on a problem worth asking again about; {@link ProblemResponses} turns it into {@code Retry-After}. */
    static final String RETRY_AFTER = "retryAfterSeconds";

    /** About the time a fail-over or a restart of PostgreSQL takes to be noticed; shorter would only add load. */
    static final long DATABASE_RETRY_AFTER_SECONDS = 5;

    private Problems() {}

    /** The problem for a failure, or {@code null} when it is not a client's fault. */
    public static ProblemDetail of(Throwable failure) {
        if (failure instanceof InvalidCommand invalid) {
            return invalidFields(invalid.violations());
        }
        if (failure instanceof InvalidQuery invalid) {
            return invalidFields(List.of(new FieldViolation(invalid.field(), invalid.reason())));
        }
        if (failure instanceof CommandRefused refused) {
            return refused(refused);
        }
        if (failure instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        if (failure instanceof UnreadableBody unreadable) {
            return unreadableBody(
                    unreadable.field(), unreadable.getMessage(), unreadable.offset(), unreadable.position());
        }
        if (failure instanceof ReadNotFound notFound) {
            return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", notFound.getMessage(), notFound.field());
        }
        var outage = DatabaseOutage.of(failure);
        if (outage.isPresent()) {
            return databaseAway(outage.get());
        }
        if (failure instanceof ReadModelUnavailable unavailable) {
            ReadModelStatus status = unavailable.status();
            ProblemDetail problem = problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "read-model-rebuilding",
                    "Read model rebuilding",
                    status.version() == null
                            ? "the read model is being built from the ledger for the first time (" + status.describe()
                                    + "); it answers when that is done"
                            : "the read model is being rebuilt (" + status.describe()
                                    + "); an operator's retry of a parked event waits until the rebuild is done",
                    null);
            problem.setProperty("rebuild", status);
            return problem;
        }
        if (failure instanceof RebuildAlreadyRunning running) {
            ProblemDetail problem = problem(
                    HttpStatus.CONFLICT,
                    "rebuild-running",
                    "Rebuild already running",
                    "a rebuild is already running (" + running.status().describe() + ")",
                    null);
            problem.setProperty("rebuild", running.status());
            return problem;
        }
        return null;
    }

    /** PostgreSQL is away or read-only: nothing was written for this request, and it is safe to send it again. */
    public static ProblemDetail databaseAway(DatabaseOutage outage) {
        ProblemDetail problem =
                switch (outage) {
                    case UNREACHABLE -> problem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "database-unavailable",
                            "Database unavailable",
                            "Parley cannot reach its PostgreSQL database; nothing was written for this request;"
                                    + " send it again later",
                            null);
                    case READ_ONLY -> problem(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "database-read-only",
                            "Database read-only",
                            "Parley's PostgreSQL database refuses writes (a standby, or a full disk); nothing was"
                                    + " written for this request; send it again later; reads are still answered",
                            null);
                };
        problem.setProperty(RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS);
        return problem;
    }

    /** A failure inside Parley: says nothing about its internals. */
    public static ProblemDetail internal() {
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "the request failed inside Parley; nothing was written for it",
                null);
    }

    /** A query parameter or path segment that is not of its type, said in JSON's and the API's terms. */
    static ProblemDetail parameterOfWrongType(String name, Object value, Class<?> type) {
        String reason;
        if (type != null && type.isEnum()) {
            reason = quoted(value) + " is not one of " + Arrays.toString(type.getEnumConstants());
        } else if (type == boolean.class || type == Boolean.class) {
            reason = quoted(value) + " is not true or false";
        } else if (type == long.class || type == int.class || type == Long.class || type == Integer.class) {
            reason = quoted(value) + " is not a whole number";
        } else {
            reason = quoted(value) + " is not a valid value";
        }
        return invalidFields(List.of(new FieldViolation(name, reason)));
    }

    /** A client's value in a reason: short enough to read, whatever was sent. */
    private static String quoted(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > 80 ? text.substring(0, 80) + "…" : text) + "'";
    }

    static ProblemDetail unsupportedMediaType(MediaType given, List<MediaType> supported) {
        String accepted = supported.stream()
                .map(type -> type.getType() + "/" + type.getSubtype())
                .distinct()
                .collect(Collectors.joining(" or "));
        return problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                (given == null
                                ? "a body without a Content-Type"
                                : "a " + given.getType() + "/" + given.getSubtype() + " body")
                        + " is not accepted here"
                        + (accepted.isEmpty() ? "" : "; send " + accepted),
                "Content-Type");
    }

    /**
     * A status Tomcat or a library set without saying more (an error dispatch, an empty error answer): the
     * problem for it, from what the request was and what is known of the cause.
     */
    static ProblemDetail forStatus(int status, String method, String path, Throwable cause) {
        if (status == HttpStatus.NOT_FOUND.value() && path != null && path.startsWith(METRIC_PATH)) {
            String name = path.substring(METRIC_PATH.length());
            return problem(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "Not found",
                    "no metric is called " + quoted(name) + "; GET /actuator/metrics lists them",
                    "metricName");
        }
        if (status == HttpStatus.NOT_FOUND.value()) {
            return nothingAt(method, path);
        }
        if (status == HttpStatus.BAD_REQUEST.value() && cutShort(cause)) {
            return bodyCutShort();
        }
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null || known.is5xxServerError()) {
            return internal();
        }
        return problem(
                known,
                known.name().toLowerCase().replace('_', '-'),
                known.getReasonPhrase(),
                "the request was refused: " + known.getReasonPhrase().toLowerCase(),
                null);
    }

    private static final String METRIC_PATH = "/actuator/metrics/";

    private static boolean cutShort(Throwable cause) {
        for (Throwable at = cause; at != null; at = at.getCause()) {
            if (at instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static ProblemDetail nothingAt(String method, String path) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "nothing answers " + method + " " + path, null);
    }

    /** The connection gave fewer bytes than the request announced, or broke off while they were read. */
    static ProblemDetail bodyCutShort() {
        return problem(
                HttpStatus.BAD_REQUEST,
                "body-cut-short",
                "Body cut short",
                "the body ended before the length its Content-Length announced; nothing was written",
                "body");
    }

    public static ProblemDetail invalidFields(List<FieldViolation> violations) {
        String detail =
                violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; "));
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "Invalid request",
                detail,
                violations.get(0).field());
        if (violations.get(0).position() != null) {
            problem.setProperty("position", violations.get(0).position());
        }
        problem.setProperty("errors", violations);
        return problem;
    }

    public static ProblemDetail unreadable(JsonProcessingException failure) {
        if (failure instanceof StreamConstraintsException) {
            ProblemDetail problem = problem(
                    HttpStatus.BAD_REQUEST,
                    "limit-exceeded",
                    "Limit exceeded",
                    "the body nests deeper than " + JsonLimits.MAX_NESTING + " levels",
                    "body");
            problem.setProperty("limit", "nesting depth " + JsonLimits.MAX_NESTING);
            return problem;
        }
        if (failure instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return invalidFields(List.of(new FieldViolation(
                    field,
                    "is not a field of this command"
                            + (unknown.getKnownPropertyIds() == null
                                    ? ""
                                    : "; known fields: " + unknown.getKnownPropertyIds()))));
        }
        if (failure instanceof InvalidFormatException format
                && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            String allowed = Arrays.toString(format.getTargetType().getEnumConstants());
            String reason = format.getValue() instanceof String given
                    ? "'" + given + "' is not one of " + allowed
                    : "must be one of " + allowed + ", as a string";
            return invalidFields(List.of(new FieldViolation(path(format), reason)));
        }
        if (failure instanceof MismatchedInputException mismatch
                && !mismatch.getPath().isEmpty()) {
            return invalidFields(
                    List.of(new FieldViolation(path(mismatch), "must be " + jsonShapeOf(mismatch.getTargetType()))));
        }
        if (failure instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            return invalidFields(List.of(new FieldViolation(path(mapping), "has the wrong type or shape")));
        }
        if (failure instanceof StreamReadException syntax) {
            JsonLocation location = syntax.getLocation();
            return unreadableBody(
                    syntax.getProcessor() == null
                            ? null
                            : StrictJson.fieldOf(syntax.getProcessor().getParsingContext()),
                    syntaxFault(syntax),
                    location == null ? -1 : location.getByteOffset(),
                    null);
        }
        return unreadableBody(null, "does not have the shape of a command", -1, null);
    }

    /**
     * A body (or import line) that cannot be read as JSON: where, and why, in words of its own rather than the
     * parser's, which name Java types and library settings.
     */
    static ProblemDetail unreadableBody(String field, String reason, long offset, Integer position) {
        String where = field == null ? "the body" : field;
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "unreadable-body",
                "Unreadable body",
                where + " " + reason
                        + (offset >= 0 && !reason.contains("offset") ? " (at byte offset " + offset + ")" : ""),
                field);
        if (offset >= 0) {
            problem.setProperty("offset", offset);
        }
        if (position != null) {
            problem.setProperty("position", position);
        }
        return problem;
    }

    private static String syntaxFault(StreamReadException syntax) {
        String message = String.valueOf(syntax.getOriginalMessage());
        if (syntax instanceof JsonEOFException) {
            return "ends before its JSON does: an object, array or string is not closed";
        }
        if (syntax instanceof InputCoercionException) {
            return "is a number too large for its field";
        }
        if (message.startsWith("Duplicate field")) {
            return "is given twice in one object; each field is given once";
        }
        Matcher control = CONTROL_IN_JSON.matcher(message);
        if (control.find()) {
            return String.format(
                    "holds U+%04X unescaped; JSON text escapes control characters (and Parley refuses all but tab"
                            + " and newline)",
                    Integer.parseInt(control.group(1)));
        }
        Matcher unexpected = UNEXPECTED.matcher(message);
        if (unexpected.find()) {
            return "is not valid JSON: unexpected " + unexpected.group(1);
        }
        return "is not valid JSON";
    }

    private static final Pattern CONTROL_IN_JSON = Pattern.compile("CTRL-CHAR, code (\\d+)");
    private static final Pattern UNEXPECTED =
            Pattern.compile("^Unexpected (character \\('.{1,2}' \\(code \\d+\\)\\)|close marker '.')");

    public static ProblemDetail problem(HttpStatus status, String slug, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + slug));
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    private static ProblemDetail refused(CommandRefused refused) {
        ProblemDetail problem =
                switch (refused.reason()) {
                    case INVALID -> problem(
                            HttpStatus.UNPROCESSABLE_ENTITY,
                            "refused",
                            "Refused by the ledger's rules",
                            refused.getMessage(),
                            refused.field());
                    case UNKNOWN_REFERENCE -> problem(
                            HttpStatus.UNPROCESSABLE_ENTITY,
                            "unknown-reference",
                            "Unknown reference",
                            refused.getMessage(),
                            refused.field());
                    case NOT_FOUND -> problem(
                            HttpStatus.NOT_FOUND, "not-found", "Not found", refused.getMessage(), refused.field());
                    case ID_CONFLICT -> problem(
                            HttpStatus.CONFLICT,
                            "id-conflict",
                            "Id already used",
                            refused.getMessage(),
                            refused.field());
                    case VERSION_CONFLICT -> problem(
                            HttpStatus.CONFLICT,
                            "version-conflict",
                            "Version conflict",
                            refused.getMessage(),
                            refused.field());
                };
        problem.setProperty("errors", List.of(new FieldViolation(refused.field(), refused.getMessage())));
        if (refused.currentVersion() != null) {
            problem.setProperty("currentVersion", refused.currentVersion());
        }
        return problem;
    }

    /** What a client must send, in JSON's terms rather than Java's. */
    private static String jsonShapeOf(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
            return "a whole number";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String path(JsonMappingException failure) {
        return failure.getPath().stream()
                .map(reference ->
                        reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
