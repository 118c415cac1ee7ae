package org.parley.history.service.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * HTTP Basic sends the password with every request, and checking a bcrypt hash costs ~70 ms of CPU here: that would
 * make every API call slow. A successful check is remembered for a short while under a keyed hash of the name and
 * password (the key lives only in this process), so the same credentials skip bcrypt until it expires. Failures are
 * never remembered: guessing still pays full price.
 */
final class RememberingAuthenticationProvider implements AuthenticationProvider {

    private record Remembered(Authentication authentication, Instant until) {}

    private final AuthenticationProvider delegate;
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    RememberingAuthenticationProvider(AuthenticationProvider delegate, Duration lifetime, int capacity, Clock clock) {
        this.delegate = delegate;
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        if (!(attempt instanceof UsernamePasswordAuthenticationToken) || attempt.getCredentials() == null) {
            return delegate.authenticate(attempt);
        }
        String fingerprint =
                fingerprint(attempt.getName(), attempt.getCredentials().toString());
        Instant now = clock.instant();
        Remembered known = remembered.get(fingerprint);
        if (known != null && known.until().isAfter(now)) {
            return known.authentication();
        }
        Authentication result = delegate.authenticate(attempt);
        if (result != null && result.isAuthenticated()) {
            if (remembered.size() >= capacity) {
                remembered.clear();
            }
            remembered.put(fingerprint, new Remembered(result, now.plus(lifetime)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return delegate.supports(authentication);
    }

    private String fingerprint(String name, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((name + '\0' + password).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
