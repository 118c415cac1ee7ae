package org.parley.history.service.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Asks the {@link SignInThrottle} before any password is checked (so before the remembered successes too: a
 * refused guess learns nothing), and tells it how each check went. Counts both in
 * {@code parley.security.sign-in.failures} and {@code parley.security.sign-in.refused{scope}}.
 */
final class ThrottlingAuthenticationProvider implements AuthenticationProvider {

    /** What the details hold when a sign-in did not come through HTTP (never in this service, but not a key clash). */
    static final String UNKNOWN_ADDRESS = "unknown";

    private final AuthenticationProvider delegate;
    private final SignInThrottle throttle;
    private final Counter failures;
    private final Map<SignInThrottle.Scope, Counter> refusals = new EnumMap<>(SignInThrottle.Scope.class);

    ThrottlingAuthenticationProvider(AuthenticationProvider delegate, SignInThrottle throttle, MeterRegistry meters) {
        this.delegate = delegate;
        this.throttle = throttle;
        this.failures = Counter.builder("parley.security.sign-in.failures")
                .description("HTTP Basic sign-ins whose name or password was wrong")
                .register(meters);
        for (SignInThrottle.Scope scope : SignInThrottle.Scope.values()) {
            refusals.put(
                    scope,
                    Counter.builder("parley.security.sign-in.refused")
                            .description("HTTP Basic sign-ins refused with 429 before their password was checked")
                            .tag("scope", scope.tag)
                            .register(meters));
        }
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        if (!(attempt instanceof UsernamePasswordAuthenticationToken)) {
            return delegate.authenticate(attempt);
        }
        String account = attempt.getName();
        String address = addressOf(attempt);
        var refusal = throttle.refusal(account, address);
        if (refusal.isPresent()) {
            refusals.get(refusal.get().scope()).increment();
            throw new SignInThrottled(refusal.get());
        }
        Authentication result;
        try {
            result = delegate.authenticate(attempt);
        } catch (BadCredentialsException wrong) {
            failures.increment();
            throttle.failed(account, address);
            throw wrong;
        }
        if (result != null && result.isAuthenticated()) {
            throttle.succeeded(account, address);
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private static String addressOf(Authentication attempt) {
        if (attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        return UNKNOWN_ADDRESS;
    }
}
