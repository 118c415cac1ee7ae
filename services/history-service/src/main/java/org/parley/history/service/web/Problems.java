package org.parley.history.service.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
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
                    "the read model is being rebuilt from the ledger (" + status.describe()
                            + "); it answers again when the rebuild is done",
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

    public static ProblemDetail invalidFields(List<FieldViolation> violations) {
        String detail =
                violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; "));
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "Invalid request",
                detail,
                violations.get(0).field());
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
            return invalidFields(
                    List.of(new FieldViolation(path(format), "'" + format.getValue() + "' is not one of " + allowed)));
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
        return problem(
                HttpStatus.BAD_REQUEST,
                "unreadable-body",
                "Unreadable body",
                "the body is not valid JSON: " + failure.getOriginalMessage(),
                null);
    }

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
