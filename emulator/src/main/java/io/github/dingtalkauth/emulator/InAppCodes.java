package io.github.dingtalkauth.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * In-app codes (免登码, protocol §6.4): what DingTalk's client hands a page through {@code requestAuthCode}. They live
 * five minutes and work once, and they are kept apart from the browser login's codes: neither kind is accepted where
 * the other is redeemed.
 */
final class InAppCodes {
    /** DingTalk's lifetime for an in-app code. */
    static final Duration TTL = Duration.ofMinutes(5);

    private final ExpiringStore<EmulatorUser> codes;
    private final IdSource ids;

    InAppCodes(Clock clock, IdSource ids) {
        this.codes = new ExpiringStore<>(clock);
        this.ids = ids;
    }

    String issue(EmulatorUser user) {
        String code = ids.next();
        codes.put(code, user, TTL);
        return code;
    }

    /** The user the code was issued to, once; empty for an unknown, expired or used code. */
    Optional<EmulatorUser> redeem(String code) {
        return codes.take(code);
    }
}
