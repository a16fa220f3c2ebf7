package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.LoginCookies;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A login in flight lives in a signed cookie of the browser that started it, not in a session: starting one costs the
 * server nothing, and the cookie binds the state to that browser, once, for stateTtl.
 */
class LoginCookieTest extends GuardFixture {
    private static final String CALLBACK = "/dingtalk/callback";

    @Override
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*", "maxPendingLogins", "3"};
    }

    private Exchange callback(Browser b, String state, String code) {
        return b.get(CALLBACK + "?authCode=" + code + "&state=" + state).send(filter);
    }

    private static void assertRefused(Exchange exchange, String reason) {
        assertAll(() -> assertEquals(400, exchange.status(), exchange::everything),
                () -> assertTrue(exchange.body().contains("Reason: " + reason), exchange::body));
    }

    @Test
    void aLoginStartSetsOneHttpOnlyLaxSecureCookieForTheStateTtl() {
        Exchange start = browser.navigate("/reports").send(filter);
        String state = query(start.location()).get("state");
        List<String> cookies = start.headers().get("Set-Cookie");
        assertEquals(1, cookies.size(), start::everything);
        String cookie = cookies.get(0);
        assertAll(() -> assertTrue(cookie.startsWith(LoginCookies.nameOf(state) + "="), cookie),
                () -> assertTrue(cookie.contains("; Path=/;"), cookie),
                () -> assertTrue(cookie.contains("; Max-Age=600;"), cookie),
                () -> assertTrue(cookie.contains("; HttpOnly"), cookie),
                () -> assertTrue(cookie.contains("; SameSite=Lax"), cookie),
                () -> assertTrue(cookie.endsWith("; Secure"), cookie),
                () -> assertFalse(cookie.contains(state), "the cookie carries the state"),
                () -> assertNull(browser.session()));
    }

    @Test
    void tenThousandAnonymousNavigationsCreateNoSession() {
        for (int i = 0; i < 10_000; i++) {
            Browser anonymous = container.browser();
            assertEquals(302, anonymous.navigate("/reports?page=" + i).send(filter).status());
        }
        assertEquals(0, container.sessionCount());
    }

    @Test
    void callbackWithATamperedTargetIsRejectedAsUnknown() {
        String state = startLogin(browser, "/reports");
        String name = LoginCookies.nameOf(state);
        String[] parts = browser.cookies().get(name).split("\\.");
        String evil = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "//evil.test".getBytes(StandardCharsets.UTF_8));
        browser.setCookie(name, parts[0] + "." + evil + "." + parts[2]);
        assertRefused(callback(browser, state, approve(state, "alice")), "state_unknown");
        assertEquals(0, dingtalk.stats().tokenRequests());
    }

    @Test
    void callbackWithAForgedSignatureIsRejectedAsUnknown() {
        String state = startLogin(browser, "/reports");
        String name = LoginCookies.nameOf(state);
        String value = browser.cookies().get(name);
        int mac = value.lastIndexOf('.') + 1; // the MAC's first character: all six of its bits count
        char flipped = value.charAt(mac) == 'A' ? 'B' : 'A';
        browser.setCookie(name, value.substring(0, mac) + flipped + value.substring(mac + 1));
        assertRefused(callback(browser, state, approve(state, "alice")), "state_unknown");
    }

    @Test
    void callbackWithTheCookieOfAnotherStateIsRejectedAsUnknown() {
        String first = startLogin(browser, "/a");
        String second = startLogin(browser, "/b");
        Map<String, String> jar = browser.cookies();
        browser.setCookie(LoginCookies.nameOf(second), jar.get(LoginCookies.nameOf(first)));
        assertRefused(callback(browser, second, approve(second, "alice")), "state_unknown");
    }

    @Test
    void callbackWithAnotherBrowsersStateIsRejectedAsUnknown() {
        Browser attacker = container.browser();
        String state = startLogin(attacker, "/a");
        assertRefused(callback(browser, state, approve(state, "attacker")), "state_unknown");
        assertNull(browser.session());
    }

    @Test
    void aReplayedCallbackWithACopiedCookieIsRejected() {
        String state = startLogin(browser, "/a");
        Map<String, String> copied = browser.cookies();
        String code = approve(state, "alice");
        assertEquals(303, callback(browser, state, code).status());
        assertFalse(pending(browser).contains(state), "the callback left its cookie");
        Browser thief = container.browser();
        copied.forEach(thief::setCookie);
        assertRefused(callback(thief, state, code), "state_unknown");
        assertEquals(1, dingtalk.stats().tokenRequests());
        assertNull(thief.session());
    }

    @Test
    void aStateIsSpentEvenWhenTheExchangeFails() {
        String state = startLogin(browser, "/a");
        Map<String, String> copied = browser.cookies();
        assertEquals(502, callback(browser, state, "NOSUCHCODE").status());
        copied.forEach(browser::setCookie);
        assertRefused(callback(browser, state, approve(state, "alice")), "state_unknown");
    }

    @Test
    void callbackAfterTheStateTtlIsRejectedAsExpiredWithoutCallingDingTalk() {
        String state = startLogin(browser, "/a");
        String code = approve(state, "alice");
        clock.advance(Duration.ofMinutes(10));
        assertRefused(callback(browser, state, code), "state_expired");
        assertEquals(0, dingtalk.stats().tokenRequests());
        assertFalse(pending(browser).contains(state), "an expired login kept its cookie");
    }

    @Test
    void twoTabsEachFinishTheirOwnLogin() {
        String first = startLogin(browser, "/a");
        String second = startLogin(browser, "/b");
        assertEquals("/b", callback(browser, second, approve(second, "alice")).location());
        assertEquals("/a", callback(browser, first, approve(first, "alice")).location());
        assertEquals(1, container.sessionCount());
    }

    @Test
    void pastMaxPendingLoginsTheOldestLoginIsDropped() {
        String oldest = startLogin(browser, "/1");
        for (int i = 2; i <= 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            startLogin(browser, "/" + i);
        }
        assertEquals(3, pending(browser).size());
        assertFalse(pending(browser).contains(oldest));
        assertRefused(callback(browser, oldest, approve(oldest, "alice")), "state_unknown");
    }

    @Test
    void loginCookiesWithLongTargetsStayUnderFourKilobytesTogether() {
        String last = null;
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            last = startLogin(browser, "/reports?q=" + "a".repeat(1000) + i);
        }
        int bytes = browser.cookies().values().stream().mapToInt(String::length).sum();
        assertTrue(bytes <= 4096, "login cookies hold " + bytes + " bytes");
        assertEquals(2, pending(browser).size(), "the oldest login was not dropped");
        assertEquals("/reports?q=" + "a".repeat(1000) + 2, pending(browser).targetOf(last));
    }

    @Test
    void anOverlongReturnTargetFallsBackToTheRoot() {
        Exchange start = browser.navigate("/reports?q=" + "a".repeat(1100)).send(filter);
        String state = query(start.location()).get("state");
        assertEquals("/", pending(browser).targetOf(state));
        assertTrue(start.header("Set-Cookie").length() < 400, start::everything);
    }

    @Test
    void noCookieValueOrStateIsLogged() {
        String state = startLogin(browser, "/a");
        String value = browser.cookies().get(LoginCookies.nameOf(state));
        browser.setCookie(LoginCookies.nameOf(state), value + "x");
        callback(browser, state, "CODE1");
        assertFalse(log.all().contains(state), log::all);
        assertFalse(log.all().contains(value), log::all);
        assertFalse(log.all().contains("CODE1"), log::all);
    }
}
