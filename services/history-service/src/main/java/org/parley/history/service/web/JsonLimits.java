package org.parley.history.service.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * No command nests deeper than a handful of levels, so JSON deeper than {@link #MAX_NESTING} is refused before it
 * is built into a tree. The same mapper reads stored events, which nest far less.
 */
@Component
class JsonLimits implements Jackson2ObjectMapperBuilderCustomizer {

    static final int MAX_NESTING = 32;

    @Override
    public void customize(org.springframework.http.converter.json.Jackson2ObjectMapperBuilder builder) {
        builder.postConfigurer(mapper -> mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .build()));
    }
}
