package org.parley.history.service.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.URI;
import org.parley.history.service.readmodel.ReadModelUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

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

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
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
