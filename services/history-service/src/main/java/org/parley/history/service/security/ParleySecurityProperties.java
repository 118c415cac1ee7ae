package org.parley.history.service.security;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code parley.security.*}: the HTTP Basic users (when none are configured, the embedded default generates
 * them), anonymous reads, the JWT roles claim, the origins allowed by CORS and how failed sign-ins are throttled.
 */
@ConfigurationProperties("parley.security")
public class ParleySecurityProperties {

    /** A configured user: a password in Spring Security's {id} form ({bcrypt}..., {noop}...) and roles. */
    public record User(String password, Set<Role> roles) {}

    private Map<String, User> users = new LinkedHashMap<>();
    private boolean anonymousRead = false;
    private boolean basicEnabled = true;
    private String rolesClaim = "roles";
    private List<String> corsAllowedOrigins = List.of();
    private SignIn signIn = new SignIn();

    /**
     * {@code parley.security.sign-in.*}: how many failed HTTP Basic sign-ins each scope may have within the window
     * before further tries are answered {@code 429} (see {@link SignInThrottle}).
     */
    public static class SignIn {
        private boolean enabled = true;
        private Duration window = Duration.ofMinutes(1);
        private int maxFailuresPerAccountAndAddress = 10;
        private int maxFailuresPerAddress = 30;
        private int maxFailuresPerAccount = 100;
        private Duration rememberedAddressLifetime = Duration.ofDays(7);
        private int capacity = 100_000;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public int getMaxFailuresPerAccountAndAddress() {
            return maxFailuresPerAccountAndAddress;
        }

        public void setMaxFailuresPerAccountAndAddress(int maxFailuresPerAccountAndAddress) {
            this.maxFailuresPerAccountAndAddress = maxFailuresPerAccountAndAddress;
        }

        public int getMaxFailuresPerAddress() {
            return maxFailuresPerAddress;
        }

        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
            this.maxFailuresPerAddress = maxFailuresPerAddress;
        }

        public int getMaxFailuresPerAccount() {
            return maxFailuresPerAccount;
        }

        public void setMaxFailuresPerAccount(int maxFailuresPerAccount) {
            this.maxFailuresPerAccount = maxFailuresPerAccount;
        }

        public Duration getRememberedAddressLifetime() {
            return rememberedAddressLifetime;
        }

        public void setRememberedAddressLifetime(Duration rememberedAddressLifetime) {
            this.rememberedAddressLifetime = rememberedAddressLifetime;
        }

        /** Keys each count holds at most (names and addresses come from callers, so memory is bounded). */
        public int getCapacity() {
            return capacity;
        }

        public void setCapacity(int capacity) {
            this.capacity = capacity;
        }
    }

    public Map<String, User> getUsers() {
        return users;
    }

    public void setUsers(Map<String, User> users) {
        this.users = users;
    }

    public boolean isAnonymousRead() {
        return anonymousRead;
    }

    public void setAnonymousRead(boolean anonymousRead) {
        this.anonymousRead = anonymousRead;
    }

    public boolean isBasicEnabled() {
        return basicEnabled;
    }

    public void setBasicEnabled(boolean basicEnabled) {
        this.basicEnabled = basicEnabled;
    }

    public String getRolesClaim() {
        return rolesClaim;
    }

    public void setRolesClaim(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    public SignIn getSignIn() {
        return signIn;
    }

    public void setSignIn(SignIn signIn) {
        this.signIn = signIn;
    }

    public List<String> getCorsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
        this.corsAllowedOrigins = corsAllowedOrigins;
    }
}
