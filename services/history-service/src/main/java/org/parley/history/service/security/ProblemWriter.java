package org.parley.history.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Refusals by the security filters, as RFC 9457 problems like every other refusal. */
final class ProblemWriter {

    private final ObjectMapper objectMapper;

    ProblemWriter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    AuthenticationEntryPoint unauthenticated(boolean basic) {
        return (request, response, failure) -> {
            if (failure instanceof SignInThrottled throttled) {
                tooManySignIns(request, response, throttled);
                return;
            }
            if (basic) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"parley\"");
            }
            write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "unauthenticated",
                    "Sign in first",
                    "this needs a signed-in principal: HTTP Basic or a bearer token");
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, failure) -> write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Not allowed",
                "your roles do not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    /** No {@code WWW-Authenticate}: the client should wait, not ask its user for another password. */
    private void tooManySignIns(HttpServletRequest request, HttpServletResponse response, SignInThrottled throttled)
            throws IOException {
        long seconds = throttled.retryAfterSeconds();
        response.setHeader("Retry-After", String.valueOf(seconds));
        ProblemDetail problem = problem(
                request,
                HttpStatus.TOO_MANY_REQUESTS,
                "too-many-sign-ins",
                "Too many failed sign-ins",
                "too many failed sign-ins for this account or from this address; no password was checked; try again"
                        + " in " + seconds + " s");
        problem.setProperty("retryAfterSeconds", seconds);
        write(response, problem);
    }

    /** The firewall's refusals (encoded semicolons, slashes, backslashes in the path...), as problems too. */
    RequestRejectedHandler rejected() {
        return (request, response, failure) -> write(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "rejected-request",
                "Rejected request",
                "the request's path or headers hold characters Parley refuses (such as an encoded ';', '/', '\\'"
                        + " or '%', or '..')");
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String slug,
            String title,
            String detail)
            throws IOException {
        write(response, problem(request, status, slug, title, detail));
    }

    private static ProblemDetail problem(
            HttpServletRequest request, HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:parley:problem:" + slug));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
