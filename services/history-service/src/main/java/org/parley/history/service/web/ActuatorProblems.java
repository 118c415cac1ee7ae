package org.parley.history.service.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The actuator answers some refusals with a status and no body at all (an unknown metric is a bare 404), past the
 * error page; such an answer gets its problem here. Only actuator paths are held back to be looked at.
 */
@Component
class ActuatorProblems extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    ActuatorProblems(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
            if (held.getStatus() >= 400 && held.getContentSize() == 0 && !response.isCommitted()) {
                ProblemDetail problem =
                        Problems.forStatus(held.getStatus(), request.getMethod(), request.getRequestURI(), null);
                problem.setInstance(URI.create(request.getRequestURI()));
                held.setStatus(problem.getStatus());
                held.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                objectMapper.writeValue(held.getOutputStream(), problem);
            }
        } finally {
            held.copyBodyToResponse();
        }
    }
}
