package org.parley.history.service.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before its password was checked, because too many failed recently; answered {@code 429}. */
final class SignInThrottled extends AuthenticationException {

    private final transient SignInThrottle.Refusal refusal;

    SignInThrottled(SignInThrottle.Refusal refusal) {
        super("too many failed sign-ins (" + refusal.scope().tag + ")");
        this.refusal = refusal;
    }

    /** Whole seconds, rounded up: a client that waits this long is not refused by the same count again. */
    long retryAfterSeconds() {
        Duration wait = refusal.retryAfter();
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
