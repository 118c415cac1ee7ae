package org.parley.history.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Parley answered with an error: its RFC 9457 problem (or as much of one as the body gave). */
final class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final JsonNode problem;

    ApiException(int status, String title, String detail, JsonNode problem) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.problem = problem;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String detail() {
        return detail;
    }

    /** The problem as sent, or null when the body was not JSON. */
    JsonNode problem() {
        return problem;
    }

    int exitCode() {
        if (status == 404) {
            return ExitCode.NOT_FOUND;
        }
        return status >= 500 ? ExitCode.UNAVAILABLE : ExitCode.REFUSED;
    }
}
