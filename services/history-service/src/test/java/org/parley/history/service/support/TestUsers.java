package org.parley.history.service.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP Basic users every test instance of the service knows: one per role, and one with every role. */
public final class TestUsers {

    public static final String EDITOR = "editor";
    public static final String ANALYST = "analyst";
    public static final String OPERATOR = "operator";

    private TestUsers() {}

    public static String passwordOf(String user) {
        return user + "-secret";
    }

    /** As Spring properties, for {@code @DynamicPropertySource} or command-line arguments. */
    public static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        user(properties, IntegrationTest.TESTER, List.of("EDITOR", "ANALYST", "OPERATOR"));
        user(properties, EDITOR, List.of("EDITOR"));
        user(properties, ANALYST, List.of("ANALYST"));
        user(properties, OPERATOR, List.of("OPERATOR"));
        return properties;
    }

    public static String[] asArguments() {
        return properties().entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
    }

    private static void user(Map<String, String> properties, String name, List<String> roles) {
        properties.put("parley.security.users." + name + ".password", "{noop}" + passwordOf(name));
        properties.put("parley.security.users." + name + ".roles", String.join(",", roles));
    }
}
