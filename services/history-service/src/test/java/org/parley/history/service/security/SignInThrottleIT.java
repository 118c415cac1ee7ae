package org.parley.history.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.history.service.support.IntegrationTest;
import org.parley.history.service.support.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Guessing passwords over real HTTP. Clients are told apart by their address as a reverse proxy reports it
 * ({@code X-Forwarded-For}, trusted from localhost as in a deployment behind one); time moves by the service's own
 * clock, not by waiting.
 */
@TestPropertySource(properties = "server.forward-headers-strategy=native")
// Its clock has jumped ahead: no other test should share this instance.
@DirtiesContext
class SignInThrottleIT extends IntegrationTest {

    /** The service's clock, moved forward by the tests; everything else in the service sees the same jump. */
    static final class MovableClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }

    @TestConfiguration
    static class MovableTime {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    MovableClock clock;

    @Autowired
    MeterRegistry meters;

    @Test
    void the_eleventh_wrong_password_in_a_minute_is_a_429_while_the_real_user_elsewhere_signs_in() {
        String guesser = someAddress();
        String office = someAddress();
        String analyst = TestUsers.ANALYST;
        double failuresBefore = failures();
        double refusedBefore = refused("account-and-address");

        for (int i = 1; i <= 10; i++) {
            assertThat(readSources(analyst, "guess-" + i, guesser).getStatusCode())
                    .as("guess %d", i)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        ResponseEntity<JsonNode> eleventh = readSources(analyst, "guess-11", guesser);

        assertThat(eleventh.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(eleventh.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        long retryAfter = Long.parseLong(eleventh.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(eleventh.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE))
                .isFalse();
        assertThat(eleventh.getBody().get("type").asText()).isEqualTo("urn:parley:problem:too-many-sign-ins");
        assertThat(eleventh.getBody().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);

        // While refused, even the right password is not checked: a refusal tells the guesser nothing.
        assertThat(readSources(analyst, TestUsers.passwordOf(analyst), guesser).getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(readSources(analyst, TestUsers.passwordOf(analyst), office).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(failures() - failuresBefore).isEqualTo(10);
        assertThat(refused("account-and-address") - refusedBefore).isEqualTo(2);

        clock.advance(Duration.ofSeconds(retryAfter));

        assertThat(readSources(analyst, TestUsers.passwordOf(analyst), guesser).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void one_address_trying_many_accounts_is_refused_for_all_of_them_and_no_other_address_is() {
        String stuffer = someAddress();
        for (int i = 0; i < 30; i++) {
            assertThat(readSources("nobody-" + i, "guess", stuffer).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }

        ResponseEntity<JsonNode> refused = readSources(TESTER, TESTER_PASSWORD, stuffer);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(readSources(TESTER, TESTER_PASSWORD, someAddress()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void guessing_one_account_from_many_addresses_does_not_lock_out_its_user_where_they_signed_in_before() {
        String operator = TestUsers.OPERATOR;
        String office = someAddress();
        assertThat(metrics(operator, TestUsers.passwordOf(operator), office).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        double refusedBefore = refused("account");

        for (int machine = 0; machine < 10; machine++) {
            String address = someAddress();
            for (int guess = 0; guess < 10; guess++) {
                assertThat(metrics(operator, "guess-" + guess, address).getStatusCode())
                        .isEqualTo(HttpStatus.UNAUTHORIZED);
            }
        }

        String traveller = someAddress();
        assertThat(metrics(operator, TestUsers.passwordOf(operator), traveller).getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused("account") - refusedBefore).isEqualTo(1);
        assertThat(metrics(operator, TestUsers.passwordOf(operator), office).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        clock.advance(Duration.ofMinutes(1));

        assertThat(metrics(operator, TestUsers.passwordOf(operator), traveller).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private ResponseEntity<JsonNode> readSources(String user, String password, String address) {
        return call("/api/sources", user, password, address);
    }

    private ResponseEntity<JsonNode> metrics(String user, String password, String address) {
        return call("/actuator/metrics", user, password, address);
    }

    private ResponseEntity<JsonNode> call(String path, String user, String password, String address) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Forwarded-For", address);
        return anonymous
                .withBasicAuth(user, password)
                .exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private double failures() {
        return meters.counter("parley.security.sign-in.failures").count();
    }

    private double refused(String scope) {
        return meters.counter("parley.security.sign-in.refused", "scope", scope).count();
    }

    /** An address no other test in this class uses: the counts live as long as the service. */
    private static String someAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "10.77." + (n / 250) + "." + (1 + n % 250);
    }
}
