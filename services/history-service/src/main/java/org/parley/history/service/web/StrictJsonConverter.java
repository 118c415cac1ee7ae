package org.parley.history.service.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.lang.reflect.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Spring's JSON converter, reading every request body through {@link StrictJson}; answers are written as before.
 * As a bean of the converter's type it takes the default's place.
 */
class StrictJsonConverter extends MappingJackson2HttpMessageConverter {

    private final StrictJson strict;

    StrictJsonConverter(StrictJson strict) {
        super(strict.mapper());
        this.strict = strict;
    }

    @Override
    public Object read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
        return readStrictly(type, contextClass, input);
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
        return readStrictly(type, null, input);
    }

    private Object readStrictly(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        try {
            return strict.read(body, getJavaType(type, contextClass));
        } catch (JsonProcessingException | UnreadableBody unreadable) {
            throw new HttpMessageNotReadableException("unreadable body", unreadable, input);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        StrictJsonConverter strictJsonConverter(StrictJson strict) {
            return new StrictJsonConverter(strict);
        }
    }
}
