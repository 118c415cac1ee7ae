package org.parley.history.service.workbench;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.View;

/** A view handed over as a file: the API's JSON answer, or the rows it shows as CSV. */
record Download(String fileName, String contentType, byte[] body) implements View {

    static Download json(String name, Object answer, ObjectMapper json) throws Exception {
        return new Download(
                name + ".json",
                "application/json",
                json.writerWithDefaultPrettyPrinter().writeValueAsBytes(answer));
    }

    static Download csv(String name, Csv table) {
        return new Download(
                name + ".csv", "text/csv;charset=UTF-8", table.text().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getContentType() {
        return contentType;
    }

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
            throws Exception {
        response.setContentType(contentType);
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
