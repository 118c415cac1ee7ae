package org.parley.history.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.history.service.commands.LedgerFixtures.registerSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real deployments sign principals in with JWTs from their identity provider. Here a key pair made by the test
 * stands in for it: the service knows only the public key, exactly as it would know an issuer's.
 */
// Its own configuration makes its own application; closed afterwards so that its processors stop claiming the
// shared database's read model.
@DirtiesContext
class JwtAccessIT extends IntegrationTest {

    private static final KeyPair ISSUER = newKeyPair();
    private static final KeyPair STRANGER = newKeyPair();

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", JwtAccessIT::publicKeyFile);
    }

    @Test
    void an_editor_token_writes_and_the_ledger_names_its_subject() {
        String sourceId = unique("jwt-written");

        ResponseEntity<JsonNode> answer = post(
                "/api/sources",
                registerSource(sourceId),
                bearer(token(
                        "jwt-editor",
                        List.of("EDITOR"),
                        ISSUER.getPrivate(),
                        Instant.now().plusSeconds(300))));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String recordedBy = jdbc.queryForObject(
                "SELECT convert_from(meta_data, 'UTF8')::json ->> 'recordedBy'"
                        + " FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class,
                sourceId);
        assertThat(recordedBy).isEqualTo("jwt-editor");
    }

    @Test
    void an_analyst_token_may_read_but_not_write() {
        String token = token(
                "jwt-analyst",
                List.of("analyst"),
                ISSUER.getPrivate(),
                Instant.now().plusSeconds(300));

        assertThat(post("/api/sources", registerSource(unique("nope")), bearer(token))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(anonymous
                        .exchange(
                                "/api/ledger?limit=1",
                                org.springframework.http.HttpMethod.GET,
                                new org.springframework.http.HttpEntity<>(bearer(token)),
                                JsonNode.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void an_expired_token_or_one_signed_by_another_key_is_not_a_principal() {
        String expired = token(
                "jwt-editor",
                List.of("EDITOR"),
                ISSUER.getPrivate(),
                Instant.now().minusSeconds(600));
        String forged = token(
                "jwt-editor",
                List.of("EDITOR"),
                STRANGER.getPrivate(),
                Instant.now().plusSeconds(300));

        assertThat(post("/api/sources", registerSource(unique("a")), bearer(expired))
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(post("/api/sources", registerSource(unique("b")), bearer(forged))
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    private static String token(String subject, List<String> roles, PrivateKey key, Instant expiry) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.RS256),
                    new JWTClaimsSet.Builder()
                            .subject(subject)
                            .claim("roles", roles)
                            .issueTime(Date.from(expiry.minusSeconds(600)))
                            .expirationTime(Date.from(expiry))
                            .build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKeyFile() {
        try {
            Path file = Files.createTempFile("parley-test-issuer", ".pem");
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes())
                            .encodeToString(ISSUER.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            file.toFile().deleteOnExit();
            return file.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
