package org.parley.history.service.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.parley.history.service.readmodel.ReadModelParking;
import org.parley.history.service.readmodel.ReadQuestions;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Marks every read answer while the read model lacks ledger events it parked: {@code readModel: {degraded: true,
 * parked: [...]}} in an object answer, and the header {@value #HEADER} on every one (a list has no room for a field).
 * Nothing is added when nothing is parked, so that answers stay byte for byte what they were. The parked events are
 * read before the question is answered and again after, so that one parked or applied meanwhile still marks it.
 * Every answer also names the version of the read model that answered it, in {@value #VERSION_HEADER}: during a
 * rebuild the version that answered before it, after the rebuild the new one.
 */
@ControllerAdvice(assignableTypes = ReadController.class)
class ReadModelMarks implements ResponseBodyAdvice<Object>, HandlerInterceptor {

    static final String HEADER = "Parley-Read-Model-Parked";

    static final String VERSION_HEADER = "Parley-Read-Model-Version";

    private static final String BEFORE = ReadModelMarks.class.getName() + ".before";

    /** What an answer says of the read model it came from, when that lacks events. */
    record ReadModelMark(boolean degraded, List<Long> parked) {}

    private final ReadModelParking parking;
    private final ObjectMapper json;

    ReadModelMarks(ReadModelParking parking, ObjectMapper json) {
        this.parking = parking;
        this.json = json;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // what an earlier request on this thread left, had it ended before its body was written
        ReadQuestions.takeAnsweringVersion();
        if (handler instanceof HandlerMethod method && ReadController.class.isAssignableFrom(method.getBeanType())) {
            request.setAttribute(BEFORE, parking.parkedSequences());
        }
        return true;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return MappingJackson2HttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        Integer version = ReadQuestions.takeAnsweringVersion();
        if (version != null) {
            response.getHeaders().set(VERSION_HEADER, version.toString());
        }
        if (body == null || body instanceof ProblemDetail) {
            return body;
        }
        TreeSet<Long> parked = new TreeSet<>(parking.parkedSequences());
        if (request instanceof ServletServerHttpRequest servlet
                && servlet.getServletRequest().getAttribute(BEFORE) instanceof List<?> before) {
            before.forEach(position -> parked.add((Long) position));
        }
        if (parked.isEmpty()) {
            return body;
        }
        response.getHeaders().set(HEADER, parked.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        JsonNode answer = json.valueToTree(body);
        if (!(answer instanceof ObjectNode object)) {
            return body;
        }
        object.set("readModel", json.valueToTree(new ReadModelMark(true, List.copyOf(parked))));
        return object;
    }
}
