package org.parley.history.service.security;

import java.util.List;
import java.util.stream.Stream;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what, as data: the security filter chain is built from this table, and a test checks that every
 * endpoint the service maps has a rule here. Anything else is refused.
 */
public final class EndpointRules {

    /** The kinds of access a rule grants. */
    public enum Access {
        /** Anyone, signed in or not. */
        PUBLIC,
        /** Analysts; anyone when anonymous reads are switched on. */
        READ,
        EDITOR,
        OPERATOR
    }

    /** One rule: a method (null for every method) and a path pattern. */
    public record Rule(HttpMethod method, String pattern, Access access) {}

    private static final List<Rule> API = List.of(
            write("/api/sources"),
            write("/api/events"),
            write("/api/accounts"),
            write("/api/corrections"),
            write("/api/retractions"),
            write("/api/flags"),
            write("/api/flag-corrections"),
            write("/api/flag-retractions"),
            write("/api/links"),
            write("/api/narratives"),
            write("/api/narrative-revisions"),
            write("/api/import"),
            new Rule(HttpMethod.GET, "/api/ledger", Access.READ),
            new Rule(HttpMethod.GET, "/api/audit", Access.READ),
            new Rule(HttpMethod.GET, "/api/narratives", Access.READ),
            new Rule(HttpMethod.GET, "/api/narratives/*/timeline", Access.READ),
            new Rule(HttpMethod.GET, "/api/narratives/*/comparison", Access.READ),
            new Rule(HttpMethod.GET, "/api/narratives/*/evolution", Access.READ),
            new Rule(HttpMethod.GET, "/api/narratives/*/changes", Access.READ),
            new Rule(HttpMethod.GET, "/api/events/*/history", Access.READ),
            new Rule(HttpMethod.GET, "/api/events/*/provenance", Access.READ),
            new Rule(HttpMethod.GET, "/api/narratives/*/provenance", Access.READ),
            new Rule(HttpMethod.GET, "/api/sources", Access.READ),
            new Rule(HttpMethod.GET, "/api/sources/*", Access.READ),
            // Rebuilding drops every read table: an operation, like the rest of processor control.
            new Rule(HttpMethod.POST, "/api/rebuilds", Access.OPERATOR),
            new Rule(HttpMethod.GET, "/api/rebuilds/current", Access.OPERATOR),
            new Rule(HttpMethod.GET, "/api/stream/parked", Access.OPERATOR),
            new Rule(HttpMethod.POST, "/api/stream/parked", Access.OPERATOR),
            new Rule(HttpMethod.GET, "/api/read-model/parked", Access.OPERATOR),
            new Rule(HttpMethod.POST, "/api/read-model/parked/retry", Access.OPERATOR),
            new Rule(HttpMethod.POST, "/api/read-model/parked/*/retry", Access.OPERATOR),
            new Rule(HttpMethod.GET, "/actuator/health", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/actuator/health/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/actuator", Access.OPERATOR),
            new Rule(HttpMethod.GET, "/actuator/**", Access.OPERATOR),
            new Rule(HttpMethod.GET, "/v3/api-docs", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/v3/api-docs/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/v3/api-docs.yaml", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/swagger-ui.html", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/asyncapi.yaml", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/swagger-ui/**", Access.PUBLIC),
            new Rule(null, "/error", Access.PUBLIC));

    /**
     * The workbench's pages, which a browser reaches: the same reads as the API, signed in by a form and kept in a
     * session, an anonymous visitor sent to the sign-in page instead of refused.
     */
    private static final List<Rule> WORKBENCH = List.of(
            page("/"),
            page("/narratives/*"),
            page("/narratives/*/compare/*"),
            page("/compare"),
            page("/narratives/*/evolution"),
            page("/narratives/*/live"),
            page("/events/*"),
            page("/sources/*"),
            new Rule(HttpMethod.GET, "/signin", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/signin", Access.PUBLIC),
            new Rule(HttpMethod.POST, "/signout", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/assets/**", Access.PUBLIC),
            new Rule(HttpMethod.GET, "/webjars/**", Access.PUBLIC));

    public static final List<Rule> RULES =
            Stream.concat(API.stream(), WORKBENCH.stream()).toList();

    /** The paths of the workbench's own filter chain. */
    public static final List<String> PAGES =
            WORKBENCH.stream().map(Rule::pattern).distinct().toList();

    private EndpointRules() {}

    /** Whether a path is one of the workbench's (a browser's) rather than the API's. */
    public static boolean isPage(String path) {
        return PAGES.stream()
                .anyMatch(pattern ->
                        PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path)));
    }

    private static Rule page(String path) {
        return new Rule(HttpMethod.GET, path, Access.READ);
    }

    private static Rule write(String path) {
        return new Rule(HttpMethod.POST, path, Access.EDITOR);
    }
}
