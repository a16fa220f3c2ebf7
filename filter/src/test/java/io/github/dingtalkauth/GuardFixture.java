package io.github.dingtalkauth;

import io.github.dingtalkauth.flow.MembershipProbe;
import io.github.dingtalkauth.flow.SessionLimits;
import io.github.dingtalkauth.flow.AuthSession;
import io.github.dingtalkauth.flow.SessionTimes;
import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.FakeContainer;
import io.github.dingtalkauth.support.FakeSession;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.support.LogCapture;
import io.github.dingtalkauth.support.MutableClock;
import jakarta.servlet.ServletException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The fixture's filter, started from settings in code with a clock the test moves, and with doubles for the
 * organization's answers (the membership re-check, the roles given at sign-in).
 */
abstract class GuardFixture extends FilterFixture {
    /**
     * Now, not a fixed date: the callback's back-channel deadline is read from this clock, and DingTalkClient compares
     * it with the system clock.
     */
    static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final DingTalkPrincipal ALICE = new DingTalkPrincipal("union-alice", "open-alice", "Alice 爱丽丝", null,
            "alice@example.com", "13800000000", "86", "ding-corp");

    protected final MutableClock clock = new MutableClock(START);
    protected LogCapture log;

    /** The membership re-check's double; null for none. */
    protected MembershipProbe probe() {
        return null;
    }

    /** The roles' double; null for the filter's own (nobody has a role until sign-in computes them). */
    protected Function<DingTalkPrincipal, Set<String>> roles() {
        return null;
    }

    /** From the same settings, given in code with the clock and the doubles. */
    @Override
    protected DingTalkAuthFilter start(FakeContainer container, Map<String, String> params) throws ServletException {
        DingTalkSettings settings = Filters.settings(params).build().withClock(clock);
        return Filters.start(new DingTalkAuthFilter(settings, probe(), roles()), container, Map.of());
    }

    @BeforeEach
    void captureLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopLog() {
        log.close();
    }

    /** A browser whose session holds {@code principal}, signed in at the clock's present. */
    protected Browser signedIn(DingTalkPrincipal principal) {
        Browser b = container.browser();
        FakeSession session = b.newSession();
        session.setAttribute(DingTalkPrincipal.SESSION_ATTRIBUTE, principal);
        session.setAttribute(AuthSession.TIMES_ATTRIBUTE, SessionLimits.defaults().start(clock.instant()));
        return b;
    }

    protected static SessionTimes times(FakeSession session) {
        return (SessionTimes) session.getAttribute(AuthSession.TIMES_ATTRIBUTE);
    }
}
