package org.parley.history.service.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.parley.history.service.commands.InvalidCommand.FieldViolation;
import org.parley.history.service.readmodel.ReadModelUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem response; nothing internal (stack traces, SQL, class names) leaves
 * the service.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException failure) {
        return respond(failure.problem());
    }

    /** A client may try again once the rebuild is done; say when it is worth asking. */
    @ExceptionHandler(ReadModelUnavailable.class)
    ResponseEntity<ProblemDetail> rebuilding(ReadModelUnavailable failure) {
        Long left = failure.status().estimatedSecondsLeft();
        long retryAfter = left == null ? 5 : Math.max(1, Math.min(left, 60));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(retryAfter))
                .body(Problems.of(failure));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> anyFailure(Exception failure) {
        ProblemDetail problem = Problems.of(failure);
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(failure.getClass(), ResponseStatus.class);
        if (problem == null && declared != null && declared.code().is4xxClientError()) {
            // a library's own refusal (the actuator's, for a malformed tag): the client's fault, said in general
            problem = Problems.problem(
                    declared.code(),
                    declared.code().name().toLowerCase().replace('_', '-'),
                    declared.code().getReasonPhrase(),
                    "the request's parameters are not valid for this endpoint",
                    null);
        }
        if (problem == null) {
            log.error("Request failed", failure);
            problem = Problems.internal();
        }
        return respond(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = failure.getCause();
        BodyTooLargeException tooLarge = causeOfType(failure, BodyTooLargeException.class);
        if (tooLarge != null) {
            return new ResponseEntity<>(tooLarge.problem(), HttpStatus.PAYLOAD_TOO_LARGE);
        }
        ProblemDetail problem;
        if (cause instanceof JsonProcessingException || cause instanceof UnreadableBody) {
            problem = Problems.of(cause);
        } else if (cause instanceof IOException) {
            problem = Problems.bodyCutShort();
        } else {
            problem = Problems.problem(
                    HttpStatus.BAD_REQUEST,
                    "unreadable-body",
                    "Unreadable body",
                    "the request needs a JSON body",
                    null);
        }
        return new ResponseEntity<>(problem, HttpStatus.BAD_REQUEST);
    }

    /** A query parameter or path segment Spring could not convert: named, with what it must be. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = failure instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName()
                : failure.getPropertyName();
        return respondWith(Problems.parameterOfWrongType(name, failure.getValue(), failure.getRequiredType()));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException failure,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return respondWith(Problems.invalidFields(
                List.of(new FieldViolation(failure.getParameterName(), "is required: give it as a query parameter"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException failure,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return respondWith(Problems.unsupportedMediaType(failure.getContentType(), failure.getSupportedMediaTypes()));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respondWith(Problems.nothingAt(failure.getHttpMethod().name(), "/" + failure.getResourcePath()));
    }

    /** Spring's own problems (405, 406, 415, ...) get a Parley type like every other. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem && URI.create("about:blank").equals(problem.getType())) {
            HttpStatus known = HttpStatus.resolve(status.value());
            String slug = known == null
                    ? "http-" + status.value()
                    : known.name().toLowerCase().replace('_', '-');
            problem.setType(URI.create(Problems.TYPE_PREFIX + slug));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ResponseEntity<Object> respondWith(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        var response = ResponseEntity.status(problem.getStatus());
        if (problem.getProperties() != null && problem.getProperties().get(Problems.RETRY_AFTER) != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    String.valueOf(problem.getProperties().get(Problems.RETRY_AFTER)));
        }
        return response.body(problem);
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
