package org.parley.history.service.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The embedded default's users when none are configured: on first start one user per role, named after it, with
 * a random password printed once in the log; only the bcrypt hashes are kept, in {@code users.properties} under
 * the data folder.
 */
final class GeneratedUsers {

    static final String FILE_NAME = "users.properties";
    private static final Logger log = LoggerFactory.getLogger(GeneratedUsers.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedUsers() {}

    static Map<String, ParleySecurityProperties.User> loadOrCreate(Path dataDir, PasswordEncoder encoder) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file, encoder);
            }
            return load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void create(Path file, PasswordEncoder encoder) throws IOException {
        Files.createDirectories(file.getParent());
        Properties hashes = new Properties();
        StringBuilder banner = new StringBuilder();
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase();
            String password = randomPassword();
            hashes.setProperty(name, encoder.encode(password));
            banner.append(String.format("%n    %-9s %s", name, password));
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            hashes.store(out, "Parley users: bcrypt hashes of the passwords printed once in the log at first start");
        }
        restrictToOwner(file);
        log.warn(
                "No users were configured, so Parley created one per role. Their passwords are shown this once;"
                        + " only their hashes are kept, in {}:{}",
                file.toAbsolutePath(),
                banner);
    }

    private static Map<String, ParleySecurityProperties.User> load(Path file) throws IOException {
        Properties hashes = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            hashes.load(in);
        }
        Map<String, ParleySecurityProperties.User> users = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            String name = role.name().toLowerCase();
            String hash = hashes.getProperty(name);
            if (hash != null) {
                users.put(name, new ParleySecurityProperties.User(hash, Set.of(role)));
            }
        }
        return users;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException notPosix) {
            log.debug("Could not restrict {} to its owner", file, notPosix);
        }
    }
}
