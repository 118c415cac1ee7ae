package org.parley.history.service.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Requests that Tomcat refuses before Spring sees them (a request line or headers over the size limit, a
 * malformed URI) get a problem response too, instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"urn:parley:problem:http-" + status + "\",\"title\":\"Request refused\","
                        + "\"status\":" + status + ",\"detail\":\"the request could not be read: its line or headers"
                        + " are too large or malformed\"}");
            }
        } catch (IOException | IllegalStateException ignored) {
            // the connection is already gone; there is nobody left to tell
        }
    }
}
