package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.LogCapture;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code loginRateLimit=2/1m}: the third login start of one address in a minute gets 429 and no session. */
class LoginRateLimitTest extends FilterFixture {
    static final String OFFICE = "198.51.100.7";

    private LogCapture log;

    @Override
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*", "loginRateLimit", "2/1m"};
    }

    @BeforeEach
    void capture() {
        log = LogCapture.start();
    }

    @AfterEach
    void release() {
        log.close();
    }

    /** Two login starts from the office, each in a browser of its own. */
    private void useUpTheLimit() {
        for (int i = 0; i < 2; i++) {
            Exchange started = container.browser().navigate("/reports").from(OFFICE).send(filter);
            assertEquals(302, started.status(), started::everything);
        }
        log.clear();
    }

    @Test
    void aNavigationPastTheLimitGets429WithAPageAndNoSession() {
        useUpTheLimit();
        Browser next = container.browser();
        Exchange refused = next.navigate("/reports").header("Accept-Language", "zh-CN").from(OFFICE).send(filter);
        assertAll(
                () -> assertEquals(429, refused.status(), refused::everything),
                () -> assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1
                        && Long.parseLong(refused.header("Retry-After")) <= 60, refused::everything),
                () -> assertTrue(refused.body().contains("错误代码： rate_limited"), refused::body),
                () -> assertTrue(refused.body().contains("登录请求过于频繁"), refused::body),
                () -> assertNull(refused.location()),
                () -> assertFalse(refused.sessionCreated(), "no session for a refused start"),
                () -> assertNull(next.session()));
    }

    @Test
    void anExplicitStartFromAScriptPastTheLimitGetsJson() {
        useUpTheLimit();
        Exchange refused = container.browser().get("/dingtalk/login").header("Accept", "application/json")
                .from(OFFICE).send(filter);
        assertEquals(429, refused.status());
        assertEquals("{\"error\":\"rate_limited\"}", refused.body());
        assertTrue(refused.header("Content-Type").startsWith("application/json"), refused::everything);
        assertTrue(refused.header("Retry-After") != null, refused::everything);
        assertFalse(refused.sessionCreated());
    }

    @Test
    void aRefusedStartLogsOneWarningWithTheReason() {
        useUpTheLimit();
        container.browser().navigate("/dingtalk/login").from(OFFICE).send(filter);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), log::all);
        assertTrue(warnings.get(0).contains("reason=rate_limited"), log::all);
        assertFalse(log.all().contains(OFFICE), "the log names no address: " + log.all());
    }

    @Test
    void anotherAddressStillStartsLogins() {
        useUpTheLimit();
        Exchange started = container.browser().navigate("/reports").from("198.51.100.8").send(filter);
        assertEquals(302, started.status(), started::everything);
    }

    @Test
    void pagesOtherThanLoginStartsAreNotCounted() {
        useUpTheLimit();
        Exchange excluded = container.browser().navigate("/public/a.html").from(OFFICE).send(filter);
        Exchange api = container.browser().get("/api").header("Accept", "application/json").from(OFFICE)
                .send(filter);
        assertTrue(excluded.passedThrough());
        assertEquals(401, api.status());
    }
}
