package org.parley.history.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class RememberingAuthenticationProviderTest {

    /** Accepts editor/right, counts how often it was asked. */
    private static final class CountingPasswords implements AuthenticationProvider {
        int checks;

        @Override
        public Authentication authenticate(Authentication attempt) {
            checks++;
            if (!"right".equals(attempt.getCredentials())) {
                throw new BadCredentialsException("wrong password");
            }
            return UsernamePasswordAuthenticationToken.authenticated(
                    attempt.getName(), null, List.of(new SimpleGrantedAuthority("ROLE_EDITOR")));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    }

    private final CountingPasswords passwords = new CountingPasswords();
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final RememberingAuthenticationProvider provider =
            new RememberingAuthenticationProvider(passwords, Duration.ofMinutes(5), 100, clock);

    @Test
    void the_same_right_credentials_are_checked_once_while_remembered() {
        Authentication first = provider.authenticate(attempt("editor", "right"));
        Authentication second = provider.authenticate(attempt("editor", "right"));

        assertThat(second.getName()).isEqualTo("editor");
        assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
        assertThat(passwords.checks).isEqualTo(1);
    }

    @Test
    void wrong_credentials_are_never_remembered() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> provider.authenticate(attempt("editor", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThat(passwords.checks).isEqualTo(3);
    }

    @Test
    void another_password_for_a_remembered_name_is_checked_again() {
        provider.authenticate(attempt("editor", "right"));

        assertThatThrownBy(() -> provider.authenticate(attempt("editor", "wrong")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(passwords.checks).isEqualTo(2);
    }

    @Test
    void a_remembered_success_expires() {
        provider.authenticate(attempt("editor", "right"));
        now = now.plus(Duration.ofMinutes(6));
        provider.authenticate(attempt("editor", "right"));

        assertThat(passwords.checks).isEqualTo(2);
    }

    private static UsernamePasswordAuthenticationToken attempt(String name, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(name, password);
    }
}
