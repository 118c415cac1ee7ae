package org.parley.history.service.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins cost the guesser. Three scopes count failures in a sliding window:
 *
 * <ul>
 *   <li>an account from one address: the guesser at one machine, stopped at a low number;
 *   <li>an address, whatever the account: one machine trying many accounts (credential stuffing);
 *   <li>an account, whatever the address: guessing spread over many machines, at a higher number.
 * </ul>
 *
 * The account-wide scope would let anyone lock the real user out just by failing often enough, so it spares the
 * addresses from which that account signed in successfully before (for {@code rememberedAddressLifetime}): the real
 * user keeps working from where they work. While refused, no password is checked at all, not even against the
 * remembered successes, so a refusal says nothing about whether a guess was right.
 */
final class SignInThrottle {

    /** Which count refused a sign-in, as it appears in the metric's {@code scope} tag. */
    enum Scope {
        ACCOUNT_AND_ADDRESS("account-and-address"),
        ADDRESS("address"),
        ACCOUNT("account");

        final String tag;

        Scope(String tag) {
            this.tag = tag;
        }
    }

    /** A refusal: which count, and how long until the next try is worth it. */
    record Refusal(Scope scope, Duration retryAfter) {}

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final int LONGEST_KEPT_NAME = 128;

    private final FailureWindows byAccountAndAddress;
    private final FailureWindows byAddress;
    private final FailureWindows byAccount;
    private final Duration window;
    private final Duration rememberedAddressLifetime;
    private final int capacity;
    private final Map<String, Instant> rememberedAddresses = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(ParleySecurityProperties.SignIn settings, Clock clock) {
        this.window = settings.getWindow();
        this.capacity = settings.getCapacity();
        this.byAccountAndAddress = new FailureWindows(window, settings.getMaxFailuresPerAccountAndAddress(), capacity);
        this.byAddress = new FailureWindows(window, settings.getMaxFailuresPerAddress(), capacity);
        this.byAccount = new FailureWindows(window, settings.getMaxFailuresPerAccount(), capacity);
        this.rememberedAddressLifetime = settings.getRememberedAddressLifetime();
        this.clock = clock;
    }

    /** Whether a sign-in as {@code account} from {@code address} is refused before its password is looked at. */
    Optional<Refusal> refusal(String account, String address) {
        String name = accountKey(account);
        Instant now = clock.instant();
        Refusal refusal =
                longest(null, Scope.ACCOUNT_AND_ADDRESS, byAccountAndAddress.blockedFor(pair(name, address), now));
        refusal = longest(refusal, Scope.ADDRESS, byAddress.blockedFor(address, now));
        if (!remembered(name, address, now)) {
            refusal = longest(refusal, Scope.ACCOUNT, byAccount.blockedFor(name, now));
        }
        return Optional.ofNullable(refusal);
    }

    void failed(String account, String address) {
        String name = accountKey(account);
        Instant now = clock.instant();
        int pairCount = byAccountAndAddress.record(pair(name, address), now);
        int addressCount = byAddress.record(address, now);
        int accountCount = byAccount.record(name, now);
        log.info(
                "Failed sign-in as '{}' from {} ({} in {} for the pair, {} from the address, {} for the account)",
                printable(account),
                address,
                pairCount,
                window,
                addressCount,
                accountCount);
        warnOnReaching(pairCount, byAccountAndAddress, "account '" + printable(account) + "' from " + address);
        warnOnReaching(addressCount, byAddress, "address " + address);
        warnOnReaching(
                accountCount,
                byAccount,
                "account '" + printable(account) + "' from addresses it has not signed in from");
    }

    /** A successful sign-in: this address is now the account's, and its own count starts again. */
    void succeeded(String account, String address) {
        String name = accountKey(account);
        Instant now = clock.instant();
        byAccountAndAddress.forget(pair(name, address));
        if (rememberedAddresses.size() >= capacity) {
            rememberedAddresses.values().removeIf(at -> !at.plus(rememberedAddressLifetime)
                    .isAfter(now));
            if (rememberedAddresses.size() >= capacity) {
                rememberedAddresses.clear();
            }
        }
        rememberedAddresses.put(pair(name, address), now);
    }

    private boolean remembered(String name, String address, Instant now) {
        Instant at = rememberedAddresses.get(pair(name, address));
        return at != null && at.plus(rememberedAddressLifetime).isAfter(now);
    }

    private void warnOnReaching(int count, FailureWindows windows, String who) {
        if (count == windows.limit()) {
            log.warn(
                    "Sign-ins refused for {}: {} failed within {}; each further try waits for the oldest to age out",
                    who,
                    count,
                    window);
        }
    }

    private static Refusal longest(Refusal sofar, Scope scope, Duration blockedFor) {
        if (blockedFor.isZero() || blockedFor.isNegative()) {
            return sofar;
        }
        if (sofar == null || blockedFor.compareTo(sofar.retryAfter()) > 0) {
            return new Refusal(scope, blockedFor);
        }
        return sofar;
    }

    private static String pair(String name, String address) {
        return name + '\0' + address;
    }

    /**
     * The user store ignores case in names, so the counts do too; a name longer than any real one is kept as its
     * digest, so that a guesser's megabyte-long names cannot fill memory.
     */
    static String accountKey(String account) {
        String name = account == null ? "" : account.toLowerCase(Locale.ROOT);
        if (name.length() <= LONGEST_KEPT_NAME) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The name as the log may show it: no control characters (no forged log lines), no endless names. */
    static String printable(String account) {
        if (account == null) {
            return "";
        }
        String shown = account.length() > 64 ? account.substring(0, 64) + "…" : account;
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
