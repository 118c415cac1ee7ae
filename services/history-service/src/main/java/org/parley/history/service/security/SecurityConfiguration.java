package org.parley.history.service.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.parley.history.service.security.EndpointRules.Access;
import org.parley.history.service.security.EndpointRules.Rule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Deny by default: every endpoint has a rule in {@link EndpointRules}, anything else is refused. Principals come
 * from HTTP Basic (configured users, or the embedded default's generated ones) and, when an issuer or key is
 * configured, from bearer JWTs whose roles are read from a configurable claim.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ParleySecurityProperties.class)
class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(
            ParleySecurityProperties properties, PasswordEncoder encoder, @Value("${parley.data-dir}") Path dataDir) {
        Map<String, ParleySecurityProperties.User> configured = properties.getUsers();
        if (configured.isEmpty() && properties.isBasicEnabled()) {
            configured = GeneratedUsers.loadOrCreate(dataDir, encoder);
        }
        List<UserDetails> users = new ArrayList<>();
        configured.forEach((name, user) -> users.add(User.withUsername(name)
                .password(user.password())
                .authorities(user.roles().stream().map(Role::authority).toArray(String[]::new))
                .build()));
        return new InMemoryUserDetailsManager(users);
    }

    /**
     * Checks HTTP Basic passwords against the users, remembering a success for five minutes (see why there); before
     * that, refuses sign-ins that failed too often lately (see {@link SignInThrottle}).
     */
    @Bean
    AuthenticationProvider basicAuthentication(
            UserDetailsService users,
            PasswordEncoder encoder,
            ParleySecurityProperties properties,
            ObjectProvider<Clock> clock,
            MeterRegistry meters) {
        Clock now = clock.getIfAvailable(Clock::systemUTC);
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        AuthenticationProvider remembering =
                new RememberingAuthenticationProvider(passwords, Duration.ofMinutes(5), 10_000, now);
        if (!properties.getSignIn().isEnabled()) {
            return remembering;
        }
        return new ThrottlingAuthenticationProvider(
                remembering, new SignInThrottle(properties.getSignIn(), now), meters);
    }

    /** Spring Security's firewall refuses some paths before any rule applies; it answers with a problem too. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper objectMapper) {
        return new ProblemWriter(objectMapper).rejected();
    }

    /**
     * The workbench: a browser signs in once by a form and keeps a session (so the page's own requests, its live
     * notice included, need no password each time); CSRF tokens guard its forms; its pages may load only what Parley
     * serves. Who may see what comes from the same rule table as the API.
     */
    @Bean
    @Order(1)
    SecurityFilterChain pageFilterChain(HttpSecurity http, ParleySecurityProperties properties) throws Exception {
        http.securityMatcher(new OrRequestMatcher(EndpointRules.PAGES.stream()
                        .map(pattern -> (RequestMatcher)
                                PathPatternRequestMatcher.withDefaults().matcher(pattern))
                        .toList()))
                .authorizeHttpRequests(requests -> {
                    EndpointRules.RULES.stream()
                            .filter(rule -> EndpointRules.isPage(rule.pattern()))
                            .forEach(rule -> authorize(requests, rule, properties.isAnonymousRead()));
                    requests.anyRequest().denyAll();
                })
                .formLogin(form -> form.loginPage("/signin")
                        .loginProcessingUrl("/signin")
                        .defaultSuccessUrl("/", false)
                        .failureHandler((request, response, failure) -> response.sendRedirect(request.getContextPath()
                                + (failure instanceof SignInThrottled throttled
                                        ? "/signin?throttled=" + throttled.retryAfterSeconds()
                                        : "/signin?failed"))))
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/signin?signedOut"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY)));
        if (properties.isBasicEnabled()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/signin")));
        }
        return http.build();
    }

    /** No inline script or style and nothing from another host: every asset is Parley's own. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            ParleySecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoder,
            ObjectMapper objectMapper)
            throws Exception {
        ProblemWriter problems = new ProblemWriter(objectMapper);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    EndpointRules.RULES.forEach(rule -> authorize(requests, rule, properties.isAnonymousRead()));
                    requests.anyRequest().denyAll();
                })
                .exceptionHandling(failures -> failures.authenticationEntryPoint(
                                problems.unauthenticated(properties.isBasicEnabled()))
                        .accessDeniedHandler(problems.forbidden()))
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**"),
                        new StaticHeadersWriter(
                                "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"))));
        if (properties.isBasicEnabled()) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(problems.unauthenticated(true)));
        }
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(
                    server -> server.authenticationEntryPoint(problems.unauthenticated(properties.isBasicEnabled()))
                            .accessDeniedHandler(problems.forbidden())
                            .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFrom(properties.getRolesClaim()))));
        }
        if (properties.getCorsAllowedOrigins().isEmpty()) {
            http.cors(cors -> cors.disable());
        } else {
            http.cors(cors -> cors.configurationSource(corsFor(properties.getCorsAllowedOrigins())));
        }
        return http.build();
    }

    private static void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            Rule rule,
            boolean anonymousRead) {
        HttpMethod method = rule.method();
        var matched = method == null
                ? requests.requestMatchers(rule.pattern())
                : requests.requestMatchers(method, rule.pattern());
        Access access = rule.access();
        switch (access) {
            case PUBLIC -> matched.permitAll();
            case READ -> {
                if (anonymousRead) {
                    matched.permitAll();
                } else {
                    matched.hasRole(Role.ANALYST.name());
                }
            }
            case EDITOR -> matched.hasRole(Role.EDITOR.name());
            case OPERATOR -> matched.hasRole(Role.OPERATOR.name());
        }
    }

    /** Roles come from one claim (a list or a space-separated string) and become ROLE_ authorities. */
    private static Converter<Jwt, AbstractAuthenticationToken> rolesFrom(String claim) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Object value = jwt.getClaims().get(claim);
            Collection<String> names = value instanceof Collection<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : value == null ? List.of() : List.of(String.valueOf(value).split("\\s+"));
            List<GrantedAuthority> authorities = new ArrayList<>();
            names.forEach(name -> authorities.add(new SimpleGrantedAuthority("ROLE_" + name.toUpperCase())));
            return authorities;
        });
        return converter;
    }

    private static UrlBasedCorsConfigurationSource corsFor(List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Correlation-Id", "X-Command-Id"));
        cors.setExposedHeaders(List.of("X-Correlation-Id", "X-Command-Id", "Parley-Replayed"));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
