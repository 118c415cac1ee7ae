package org.parley.history.service.web;

import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A request body went past the limit for its endpoint. */
class BodyTooLargeException extends IOException {

    private final long limit;

    BodyTooLargeException(long limit) {
        super("the request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    ProblemDetail problem() {
        ProblemDetail problem = Problems.problem(
                HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Body too large", getMessage(), "body");
        problem.setProperty("limitBytes", limit);
        return problem;
    }
}
