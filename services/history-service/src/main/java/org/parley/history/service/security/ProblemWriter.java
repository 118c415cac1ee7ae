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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:parley:problem:" + slug));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }
}
