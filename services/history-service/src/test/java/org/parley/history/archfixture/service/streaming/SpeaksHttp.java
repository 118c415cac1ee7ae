package org.parley.history.archfixture.service.streaming;

import jakarta.servlet.http.HttpServletRequest;

/** Breaks a rule: HTTP outside the web and security packages. */
public class SpeaksHttp {
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
