package org.parley.history.service.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets {@link ReadModelMarks} see what was parked before a read question is answered. */
@Configuration(proxyBeanMethods = false)
class ReadModelMarksConfiguration implements WebMvcConfigurer {

    private final ReadModelMarks marks;

    ReadModelMarksConfiguration(ReadModelMarks marks) {
        this.marks = marks;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(marks).addPathPatterns("/api/**");
    }
}
