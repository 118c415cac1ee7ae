package org.parley.history.service.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the served OpenAPI document says about itself. The version is the build's (from the build info the Maven
 * build writes), so that a client generated from it can tell which release it was generated against.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String TITLE = "Parley history service";

    static final String DESCRIPTION =
            """
            Parley keeps the history of negotiations as a ledger of what was reported: sources, diplomatic events, \
            the accounts that sources give of them, links between events, and narratives (competing versions of the \
            story). Every fact is an immutable event carrying the citation it rests on; corrections and retractions \
            are new facts. The read side answers from the ledger as it stood at any date (asOf, recordedAsOf): \
            timelines, histories, comparisons and evolutions of narratives, and the provenance of sources. Each of \
            its answers names the version of the read model that gave it in the header Parley-Read-Model-Version: a \
            rebuild (POST /api/rebuilds) builds a new version while the answering one goes on answering, and the new \
            one takes over whole.

            Callers authenticate with HTTP Basic or, when a token issuer is configured, a JWT bearer token (reading \
            may be opened to anonymous callers); roles decide who may write, read or operate. Errors are RFC 9457 \
            problems (application/problem+json) naming the field at fault. Every write is idempotent on the \
            client's ids: a retried request writes nothing more and gets the same receipt. The Kafka streams of the \
            ledger and of narrative changes are described by the AsyncAPI document at /asyncapi.yaml.""";

    /** Only when the build info is missing (a run from an IDE that skipped the Maven build). */
    static final String UNRELEASED = "unreleased";

    @Bean
    OpenAPI parleyOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title(TITLE)
                        .version(properties == null ? UNRELEASED : properties.getVersion())
                        .description(DESCRIPTION));
    }
}
