package io.github.dingtalkauth.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The legacy flow's temporary codes ({@code tmp_auth_code}): single use, and, unlike the new flow's codes, an expired
 * one is told apart from an unknown one (40102 and 40078), so an expired code is kept until it is presented or long
 * gone.
 */
final class LegacyCodes {

    enum Outcome { REDEEMED, UNKNOWN, EXPIRED }

    record Redemption(Outcome outcome, EmulatorUser user) {
    }

    private record Issued(EmulatorUser user, Instant expiresAt) {
    }

    /** How long an expired code is still recognised as expired rather than unknown. */
    private static final Duration REMEMBER_EXPIRED = Duration.ofHours(1);

    private final Map<String, Issued> codes = new ConcurrentHashMap<>();
    private final Clock clock;
    private final IdSource ids;
    private final Duration ttl;

    LegacyCodes(Clock clock, IdSource ids, Duration ttl) {
        this.clock = clock;
        this.ids = ids;
        this.ttl = ttl;
    }

    String issue(EmulatorUser user) {
        Instant now = clock.instant();
        codes.values().removeIf(issued -> now.isAfter(issued.expiresAt().plus(REMEMBER_EXPIRED)));
        String code = ids.next();
        codes.put(code, new Issued(user, now.plus(ttl)));
        return code;
    }

    /** Uses the code up, whatever the outcome: a second presentation is unknown. */
    Redemption redeem(String code) {
        Issued issued = code == null ? null : codes.remove(code);
        if (issued == null) {
            return new Redemption(Outcome.UNKNOWN, null);
        }
        return clock.instant().isBefore(issued.expiresAt()) ? new Redemption(Outcome.REDEEMED, issued.user())
                : new Redemption(Outcome.EXPIRED, null);
    }
}
