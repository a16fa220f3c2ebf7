package io.github.dingtalkauth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.testing.Browser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The checklist's {@code REJECT(reason)}, for this filter: a 400/403 fixed-text page naming the reason code, never
 * cached, with nothing the attacker sent in it; DingTalk not called (token and profile counters unchanged); no
 * session cookie set; the browser exactly as signed in (or not) as before; one WARN line with the reason code and no
 * attacker value. Take {@link #before} right before the request, then {@link #assertRejected} on its answer.
 */
final class Reject {
    /** The filter logs through System.Logger, which lands in java.util.logging under this name. */
    private static final Logger FILTER_LOG = Logger.getLogger("io.github.dingtalkauth");
    private static final List<LogRecord> RECORDS = new ArrayList<>();

    static {
        FILTER_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (RECORDS) {
                    RECORDS.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private Reject() {
    }

    /** What the browser and DingTalk looked like before the attack. */
    record Before(SecurityApp app, Browser browser, Stats stats, String sessionCookie, int probeStatus,
                  String probeBody, int logMark) {
    }

    static Before before(SecurityApp app, Browser browser) {
        Browser.Response probe = probe(browser);
        return new Before(app, browser, app.stats(), browser.cookie(SecurityApp.SESSION_COOKIE), probe.status(),
                probe.body(), logMark());
    }

    /** Who the browser is signed in as, asked in a way that has no side effect (no login starts, no session). */
    static Browser.Response probe(Browser browser) {
        return browser.get("/api/me", "Accept", "application/json");
    }

    static void assertRejected(Browser.Response response, Before before, String reason, String... attackerStrings) {
        String context = "REJECT(" + reason + ") expected, got " + response.status() + " " + response.headers().map()
                + "\n" + response.body();
        assertTrue(response.status() == 400 || response.status() == 403, context);
        assertTrue(response.body().contains("Reason: " + reason), context);
        assertNull(response.location(), context);
        assertEquals("no-store", response.header("cache-control"), context);
        assertNotReflected(response, attackerStrings);
        assertNoStackTrace(response);

        assertNothingChanged(response, before);

        List<String> warnings = warningsSince(before.logMark());
        assertEquals(1, warnings.size(), () -> "exactly one WARN line expected: " + warnings);
        assertTrue(warnings.get(0).contains("reason=" + reason), warnings::toString);
        for (String attack : attackerStrings) {
            if (!attack.isEmpty()) {
                assertFalse(warnings.get(0).contains(attack), () -> "log line carries '" + attack + "': " + warnings);
            }
        }
        assertFalse(warnings.get(0).contains("\n") || warnings.get(0).contains("\r"), "log line was split");
    }

    /**
     * The Back button's answer to a signed-in browser on a callback it cannot use: an empty 303 to {@code location}
     * (never a page the callback named), uncached, with nothing the attacker sent in it, DingTalk not called, the
     * browser signed in exactly as before, and no WARN line (nothing was refused).
     */
    static void assertSentOn(Browser.Response response, Before before, String location, String... attackerStrings) {
        String context = "303 to " + location + " expected, got " + response.status() + " "
                + response.headers().map() + "\n" + response.body();
        assertEquals(303, response.status(), context);
        assertEquals(location, response.location(), context);
        assertEquals("", response.body(), context);
        assertEquals("no-store", response.header("cache-control"), context);
        assertNotReflected(response, attackerStrings);
        assertNothingChanged(response, before);
        assertEquals(List.of(), warningsSince(before.logMark()));
    }

    /** DingTalk not called, no session cookie set or changed, and the browser signed in (or not) as before. */
    private static void assertNothingChanged(Browser.Response response, Before before) {
        Stats now = before.app().stats();
        assertEquals(before.stats().tokenRequests(), now.tokenRequests(), "DingTalk's token endpoint was called");
        assertEquals(before.stats().profileRequests(), now.profileRequests(), "DingTalk's profile endpoint was called");

        assertTrue(response.setsCookie(SecurityApp.SESSION_COOKIE).isEmpty(),
                () -> "this callback must not create or change a session: " + response.setCookies());
        assertEquals(before.sessionCookie(), before.browser().cookie(SecurityApp.SESSION_COOKIE));
        Browser.Response probe = probe(before.browser());
        assertEquals(before.probeStatus(), probe.status(), "sign-in state changed: " + probe.body());
        assertEquals(before.probeBody(), probe.body(), "sign-in state changed");
    }

    /** Neither the body nor any header carries one of {@code strings}, nor any canary value. */
    static void assertNotReflected(Browser.Response response, String... strings) {
        List<String> all = new ArrayList<>(List.of(strings));
        all.add(SecurityApp.CANARY);
        for (String s : all) {
            if (s.isEmpty()) {
                continue;
            }
            assertFalse(response.body().contains(s), () -> "body reflects '" + s + "':\n" + response.body());
            for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
                for (String value : header.getValue()) {
                    assertFalse(value.contains(s), () -> header.getKey() + " reflects '" + s + "': " + value);
                }
            }
        }
    }

    /** Not a 500, and nothing in the body that looks like a stack trace. */
    static void assertNoStackTrace(Browser.Response response) {
        assertNoStackTrace(response.status(), response.body());
    }

    static void assertNoStackTrace(int status, String body) {
        assertTrue(status != 500, () -> "server error:\n" + body);
        String lower = body.toLowerCase(Locale.ROOT);
        for (String trace : new String[] {"exception", "\tat ", "at io.github", "at org.", "at java."}) {
            if (lower.contains(trace.toLowerCase(Locale.ROOT))) {
                fail("body looks like a stack trace ('" + trace + "'):\n" + body);
            }
        }
    }

    static int logMark() {
        synchronized (RECORDS) {
            return RECORDS.size();
        }
    }

    /** The filter's WARN lines since {@code mark}. */
    static List<String> warningsSince(int mark) {
        synchronized (RECORDS) {
            return RECORDS.subList(mark, RECORDS.size()).stream()
                    .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(LogRecord::getMessage)
                    .toList();
        }
    }
}
