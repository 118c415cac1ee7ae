package org.parley.history.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.history.service.security.EndpointRules.Access;
import org.parley.history.service.security.EndpointRules.Rule;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/** Every endpoint × {anonymous, analyst, editor, operator}: 401, 403 or through, exactly as the rules say. */
class AccessMatrixIT extends IntegrationTest {

    /** The matrix asks an operator to rebuild the read model; the tests after it find it answering again. */
    @AfterEach
    void leaveTheReadModelAnswering() {
        awaitReadModel();
    }

    private static final List<String> PRINCIPALS =
            List.of("anonymous", TestUsers.ANALYST, TestUsers.EDITOR, TestUsers.OPERATOR);

    /** A concrete request for every rule (wildcard rules get a real path under them). */
    private static final List<String> EXTRA_PATHS = List.of(
            "/actuator/health/liveness", "/actuator/metrics", "/v3/api-docs/swagger-config", "/swagger-ui/index.html");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void every_mapped_endpoint_has_an_explicit_rule() {
        List<String> unruled = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<org.springframework.web.bind.annotation.RequestMethod> methods =
                    info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{[^}]*}", "x");
                if (methods.isEmpty()) {
                    if (ruleFor(null, path) == null) {
                        unruled.add("* " + pattern);
                    }
                }
                methods.forEach(method -> {
                    if (ruleFor(HttpMethod.valueOf(method.name()), path) == null) {
                        unruled.add(method + " " + pattern);
                    }
                });
            }
        });

        assertThat(unruled).isEmpty();
    }

    @Test
    void each_principal_gets_exactly_what_the_rules_give_it() {
        List<String> wrong = new ArrayList<>();
        for (Rule rule : requests()) {
            for (String principal : PRINCIPALS) {
                ResponseEntity<String> answer = call(rule.method(), rule.pattern(), principal);
                int status = answer.getStatusCode().value();
                String expected = expected(rule.access(), principal, EndpointRules.isPage(rule.pattern()));
                boolean ok =
                        switch (expected) {
                            case "through" -> status != 401 && status != 403;
                            case "401" -> status == 401;
                            case "sign-in" -> signInPage(answer);
                            default -> status == 403;
                        };
                if (!ok) {
                    wrong.add(rule.method() + " " + rule.pattern() + " as " + principal + ": " + status + ", expected "
                            + expected);
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void a_path_without_a_rule_is_refused_to_everyone() {
        assertThat(call(HttpMethod.GET, "/api/nothing-here", "anonymous").getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(HttpMethod.GET, "/api/nothing-here", TestUsers.OPERATOR).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.DELETE, "/api/sources", TestUsers.EDITOR).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void a_page_sends_an_anonymous_visitor_to_sign_in_and_a_form_post_without_its_token_is_refused() {
        ResponseEntity<String> page = call(HttpMethod.GET, "/narratives/all-sources", "anonymous");
        ResponseEntity<String> signIn = call(HttpMethod.POST, "/signin", "anonymous");

        assertThat(signInPage(page))
                .as(page.getStatusCode() + " " + page.getBody())
                .isTrue();
        assertThat(signIn.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void pages_may_load_only_what_parley_serves() {
        ResponseEntity<String> page = call(HttpMethod.GET, "/signin", "anonymous");

        assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
                .contains("default-src 'none'")
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void refusals_are_problems_and_basic_auth_is_announced() throws Exception {
        ResponseEntity<String> anonymousWrite = call(HttpMethod.POST, "/api/sources", "anonymous");
        ResponseEntity<String> analystWrite = call(HttpMethod.POST, "/api/sources", TestUsers.ANALYST);

        assertThat(anonymousWrite.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(anonymousWrite.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
        assertThat(objectMapper.readTree(anonymousWrite.getBody()).get("type").asText())
                .isEqualTo("urn:parley:problem:unauthenticated");
        assertThat(objectMapper.readTree(analystWrite.getBody()).get("type").asText())
                .isEqualTo("urn:parley:problem:forbidden");
    }

    @Test
    void api_responses_carry_security_headers() {
        ResponseEntity<String> answer = call(HttpMethod.GET, "/api/ledger?limit=1", TestUsers.ANALYST);

        HttpHeaders headers = answer.getHeaders();
        assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(headers.getFirst("Cache-Control")).contains("no-store");
    }

    @Test
    void cross_origin_requests_get_no_cors_permission_by_default() {
        HttpHeaders headers = new HttpHeaders();
        headers.setOrigin("https://elsewhere.example");
        headers.setAccessControlRequestMethod(HttpMethod.POST);
        ResponseEntity<String> preflight =
                anonymous.exchange("/api/sources", HttpMethod.OPTIONS, new HttpEntity<>(headers), String.class);

        assertThat(preflight.getHeaders().getAccessControlAllowOrigin()).isNull();
    }

    private static List<Rule> requests() {
        List<Rule> requests = new ArrayList<>();
        for (Rule rule : EndpointRules.RULES) {
            // the workbench's forms carry a CSRF token, so a bare POST to them is refused before any rule applies;
            // a_page_sends_an_anonymous_visitor_to_sign_in_and_a_form_post_without_its_token_is_refused holds that
            boolean form = rule.method() == HttpMethod.POST && EndpointRules.isPage(rule.pattern());
            if (!rule.pattern().contains("*") && rule.method() != null && !form) {
                requests.add(rule);
            }
        }
        for (String path : EXTRA_PATHS) {
            requests.add(
                    new Rule(HttpMethod.GET, path, ruleFor(HttpMethod.GET, path).access()));
        }
        return requests;
    }

    /** A redirect to the sign-in form, or (where the client follows redirects) the form itself. */
    private static boolean signInPage(ResponseEntity<String> answer) {
        if (answer.getStatusCode() == HttpStatus.FOUND) {
            return answer.getHeaders().getLocation().getPath().equals("/signin");
        }
        return answer.getStatusCode() == HttpStatus.OK
                && answer.getBody() != null
                && answer.getBody().contains("action=\"/signin\"");
    }

    private static String expected(Access access, String principal, boolean isPage) {
        if (access == Access.PUBLIC) {
            return "through";
        }
        if (principal.equals("anonymous")) {
            return isPage ? "sign-in" : "401";
        }
        String allowed =
                switch (access) {
                    case READ -> TestUsers.ANALYST;
                    case EDITOR -> TestUsers.EDITOR;
                    default -> TestUsers.OPERATOR;
                };
        return principal.equals(allowed) ? "through" : "403";
    }

    /** The first rule that matches, as Spring Security reads the table. */
    private static Rule ruleFor(HttpMethod method, String path) {
        for (Rule rule : EndpointRules.RULES) {
            boolean methodMatches = rule.method() == null || rule.method().equals(method);
            if (methodMatches
                    && PathPatternParser.defaultInstance.parse(rule.pattern()).matches(PathContainer.parsePath(path))) {
                return rule;
            }
        }
        return null;
    }

    private ResponseEntity<String> call(HttpMethod method, String path, String principal) {
        TestRestTemplate client = principal.equals("anonymous")
                ? anonymous
                : anonymous.withBasicAuth(principal, TestUsers.passwordOf(principal));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, MediaType.ALL));
        HttpEntity<String> body = new HttpEntity<>(method == HttpMethod.POST ? "{}" : null, headers);
        return client.exchange(path, method, body, String.class);
    }
}
