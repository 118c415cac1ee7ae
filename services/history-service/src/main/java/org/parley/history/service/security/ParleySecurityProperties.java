package org.parley.history.service.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code parley.security.*}: the HTTP Basic users (when none are configured, the embedded default generates
 * them), anonymous reads, the JWT roles claim and the origins allowed by CORS.
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

    public List<String> getCorsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    public void setCorsAllowedOrigins(List<String> corsAllowedOrigins) {
        this.corsAllowedOrigins = corsAllowedOrigins;
    }
}
