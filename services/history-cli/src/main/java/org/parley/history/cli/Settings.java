package org.parley.history.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where Parley is and who signs in. The URL comes from {@code --url}, else {@code PARLEY_URL}, else the config file,
 * else {@code http://localhost:8080}; credentials from {@code PARLEY_TOKEN} (a bearer JWT) or
 * {@code PARLEY_CREDENTIALS} ({@code user:password}, HTTP Basic), else the config file's {@code token} or
 * {@code credentials}. There is deliberately no password flag: a command line is seen by every user of the machine
 * and kept in shell history.
 */
record Settings(String url, Optional<String> authorization, Path configFile) {

    static final String DEFAULT_URL = "http://localhost:8080";

    static Settings resolve(String urlOption, Map<String, String> env, Path home) {
        Path configFile = configFile(env, home);
        Properties config = read(configFile);
        String url = first(urlOption, env.get("PARLEY_URL"), config.getProperty("url"), DEFAULT_URL);
        Optional<String> authorization = authorization(env.get("PARLEY_TOKEN"), env.get("PARLEY_CREDENTIALS"))
                .or(() -> authorization(config.getProperty("token"), config.getProperty("credentials")));
        return new Settings(url.replaceAll("/+$", ""), authorization, configFile);
    }

    /** {@code $XDG_CONFIG_HOME/parley/config}, {@code ~/.config/parley/config} or, if only it exists, ~/.parley. */
    static Path configFile(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path preferred = (xdg == null || xdg.isBlank() ? home.resolve(".config") : Path.of(xdg))
                .resolve("parley")
                .resolve("config");
        Path legacy = home.resolve(".parley");
        return !Files.exists(preferred) && Files.isRegularFile(legacy) ? legacy : preferred;
    }

    private static Optional<String> authorization(String token, String credentials) {
        if (token != null && !token.isBlank()) {
            return Optional.of("Bearer " + token.strip());
        }
        if (credentials != null && !credentials.isBlank()) {
            return Optional.of("Basic "
                    + Base64.getEncoder().encodeToString(credentials.strip().getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
        }
        return properties;
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.strip();
            }
        }
        throw new IllegalArgumentException("no candidate");
    }
}
