package org.parley.history.service.workbench;

import org.parley.history.service.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refusal on a page is a page: the same problem the API would answer (status, what is wrong, which field), in
 * words and with a way back, rather than JSON in a browser tab.
 */
@ControllerAdvice(assignableTypes = WorkbenchController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WorkbenchProblems {

    private static final Logger log = LoggerFactory.getLogger(WorkbenchProblems.class);

    @ExceptionHandler(Exception.class)
    ModelAndView refused(Exception failure) {
        ProblemDetail problem = problem(failure);
        if (problem == null) {
            log.error("A workbench page failed", failure);
            problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.INTERNAL_SERVER_ERROR, "Parley could not draw this view; the log says why");
            problem.setTitle("Something went wrong");
        }
        ModelAndView page = new ModelAndView("problem");
        page.setStatus(HttpStatus.valueOf(problem.getStatus()));
        page.addObject("problem", problem);
        Object field =
                problem.getProperties() == null ? null : problem.getProperties().get("field");
        page.addObject("field", field);
        return page;
    }

    private static ProblemDetail problem(Exception failure) {
        if (failure instanceof MethodArgumentTypeMismatchException mismatch) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "'" + mismatch.getValue() + "' is not a valid " + mismatch.getName());
            problem.setTitle("Invalid request");
            problem.setProperty("field", mismatch.getName());
            return problem;
        }
        if (failure instanceof ErrorResponse response) {
            return response.getBody();
        }
        return Problems.of(failure);
    }
}
