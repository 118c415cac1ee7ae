package org.parley.history.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.parley.history.service.security.SignInThrottle.Scope;

class SignInThrottleTest {

    private static final String GUESSER = "203.0.113.7";
    private static final String OFFICE = "198.51.100.20";

    private Instant now = Instant.parse("2026-11-23T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final ParleySecurityProperties.SignIn settings = new ParleySecurityProperties.SignIn();
    private final SignInThrottle throttle = new SignInThrottle(settings, clock);

    @Test
    void ten_failures_for_an_account_from_one_address_refuse_the_eleventh_until_the_first_is_a_minute_old() {
        failTimes("analyst", GUESSER, 9);
        assertThat(throttle.refusal("analyst", GUESSER)).isEmpty();

        now = now.plusSeconds(15);
        throttle.failed("analyst", GUESSER);

        assertThat(throttle.refusal("analyst", GUESSER))
                .hasValue(new SignInThrottle.Refusal(Scope.ACCOUNT_AND_ADDRESS, Duration.ofSeconds(45)));
    }

    @Test
    void once_the_failures_are_a_window_old_the_guesser_gets_ten_more_and_no_more() {
        failTimes("analyst", GUESSER, 10);
        now = now.plusSeconds(59);
        assertThat(throttle.refusal("analyst", GUESSER)).isPresent();

        now = now.plusSeconds(1);
        assertThat(throttle.refusal("analyst", GUESSER)).isEmpty();
        failTimes("analyst", GUESSER, 9);
        assertThat(throttle.refusal("analyst", GUESSER)).isEmpty();
        throttle.failed("analyst", GUESSER);
        assertThat(throttle.refusal("analyst", GUESSER)).isPresent();
    }

    @Test
    void the_same_account_from_another_address_is_not_refused() {
        failTimes("analyst", GUESSER, 10);

        assertThat(throttle.refusal("analyst", OFFICE)).isEmpty();
    }

    @Test
    void names_are_counted_without_regard_to_case_as_the_user_store_matches_them() {
        failTimes("Analyst", GUESSER, 5);
        failTimes("ANALYST", GUESSER, 5);

        assertThat(throttle.refusal("analyst", GUESSER)).isPresent();
    }

    @Test
    void one_address_trying_many_accounts_is_refused_for_every_account() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("user-" + i, GUESSER);
        }

        assertThat(throttle.refusal("someone-else", GUESSER))
                .hasValueSatisfying(refusal -> assertThat(refusal.scope()).isEqualTo(Scope.ADDRESS));
        assertThat(throttle.refusal("someone-else", OFFICE)).isEmpty();
    }

    @Test
    void guessing_spread_over_many_addresses_refuses_new_addresses_but_not_one_the_account_signed_in_from() {
        throttle.succeeded("analyst", OFFICE);
        for (int i = 0; i < 100; i++) {
            throttle.failed("analyst", "192.0.2." + i);
        }

        assertThat(throttle.refusal("analyst", "192.0.2.200"))
                .hasValueSatisfying(refusal -> assertThat(refusal.scope()).isEqualTo(Scope.ACCOUNT));
        assertThat(throttle.refusal("analyst", OFFICE)).isEmpty();
    }

    @Test
    void a_remembered_address_is_forgotten_after_its_lifetime() {
        throttle.succeeded("analyst", OFFICE);
        now = now.plus(Duration.ofDays(8));
        for (int i = 0; i < 100; i++) {
            throttle.failed("analyst", "192.0.2." + i);
        }

        assertThat(throttle.refusal("analyst", OFFICE)).isPresent();
    }

    @Test
    void a_successful_sign_in_clears_its_own_pair_but_not_the_address() {
        settings.setMaxFailuresPerAddress(12);
        SignInThrottle strict = new SignInThrottle(settings, clock);
        for (int i = 0; i < 9; i++) {
            strict.failed("analyst", GUESSER);
        }
        strict.succeeded("analyst", GUESSER);
        strict.failed("analyst", GUESSER);
        assertThat(strict.refusal("analyst", GUESSER)).isEmpty();

        strict.failed("editor", GUESSER);
        strict.failed("editor", GUESSER);

        assertThat(strict.refusal("analyst", GUESSER))
                .hasValueSatisfying(refusal -> assertThat(refusal.scope()).isEqualTo(Scope.ADDRESS));
    }

    @Test
    void the_longest_of_several_refusals_is_the_one_reported() {
        settings.setMaxFailuresPerAddress(10);
        SignInThrottle strict = new SignInThrottle(settings, clock);
        strict.failed("editor", GUESSER);
        now = now.plusSeconds(20);
        for (int i = 0; i < 10; i++) {
            strict.failed("analyst", GUESSER);
        }

        // The address reached ten with the editor's failure 20 s ago in it; the pair reached ten just now.
        assertThat(strict.refusal("analyst", GUESSER))
                .hasValue(new SignInThrottle.Refusal(Scope.ACCOUNT_AND_ADDRESS, Duration.ofSeconds(60)));
    }

    @Test
    void endless_names_are_kept_as_a_digest_and_logged_shortened_without_control_characters() {
        String endless = "a".repeat(10_000);

        assertThat(SignInThrottle.accountKey(endless)).startsWith("sha256:").hasSize(7 + 64);
        assertThat(SignInThrottle.accountKey("Editor")).isEqualTo("editor");
        assertThat(SignInThrottle.printable("x\nINFO forged line")).isEqualTo("x\\u000aINFO forged line");
        assertThat(SignInThrottle.printable(endless)).hasSize(65);
    }

    private void failTimes(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address);
        }
    }
}
