package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.support.LogCapture;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each refused sign-in is one WARNING line with its reason code, and no line ever holds a secret value. */
class LoggingTest extends FilterFixture {
    static final String CODE = "CANARY-CODE-1";

    LogCapture log;

    @BeforeEach
    void capture() {
        log = LogCapture.start();
    }

    @AfterEach
    void release() {
        log.close();
    }

    private void assertNoSecrets(String... more) {
        String all = log.all();
        assertFalse(all.contains("CANARY"), all);
        assertFalse(all.contains(Filters.SECRET), all);
        for (String value : more) {
            assertFalse(all.contains(value), () -> "the log holds " + value + ":\n" + all);
        }
    }

    @Test
    void refusedCallbackLogsExactlyOneWarningWithTheReasonCode() {
        String state = startLogin(browser, "/a");
        log.clear();
        String forged = "B".repeat(43);
        browser.get("/dingtalk/callback?authCode=" + CODE + "&state=" + forged).send(filter);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), log::all);
        assertTrue(warnings.get(0).contains("reason=state_unknown"), warnings::toString);
        assertNoSecrets(forged, state);
    }

    @Test
    void malformedCallbackLogsOneWarningWithoutTheValues() {
        browser.get("/dingtalk/callback?authCode=" + CODE + "&code=CANARY-CODE-2&state=" + "C".repeat(43))
                .send(filter);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), log::all);
        assertTrue(warnings.get(0).contains("reason=code_conflict"), warnings::toString);
        assertNoSecrets("C".repeat(43));
    }

    @Test
    void providerErrorLogsTheProviderCodeButNoSecret() {
        String state = startLogin(browser, "/a");
        dingtalk.setFault(Endpoint.TOKEN, Fault.status(400, "application/json", "{\"code\":\"invalidCode\","
                + "\"requestid\":\"R-77\",\"message\":\"bad " + CODE + "\"}"));
        browser.get("/dingtalk/callback?authCode=" + CODE + "&state=" + state).send(filter);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), log::all);
        assertTrue(warnings.get(0).contains("reason=provider_error"), warnings::toString);
        assertTrue(warnings.get(0).contains("code=invalidCode") && warnings.get(0).contains("requestid=R-77"),
                warnings::toString);
        assertNoSecrets(state);
    }

    @Test
    void errorWithLineBreaksCannotForgeALogLine() {
        String state = startLogin(browser, "/a");
        log.clear();
        browser.get("/dingtalk/callback?error=x%0d%0aINFO+admin+signed+in&state=" + state).send(filter);
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(1, warnings.size(), log::all);
        assertTrue(warnings.get(0).contains("reason=access_denied"), warnings::toString);
        assertFalse(warnings.get(0).contains("\n") || warnings.get(0).contains("\r"), warnings::toString);
        assertFalse(log.all().contains("admin signed in"), log::all);
    }

    @Test
    void successfulSignInLogsNoSecretCodeTokenOrState() {
        String state = startLogin(browser, "/a");
        String code = approve(state, "union-1");
        Exchange exchange = browser.get("/dingtalk/callback?authCode=" + code + "&state=" + state).send(filter);
        assertEquals(303, exchange.status(), exchange::everything);
        assertTrue(code.startsWith("CANARY-CODE-"), code);
        assertEquals(1, dingtalk.stats().tokenSuccesses(), "a real CANARY-AT- token was handed to the filter");
        assertTrue(log.messages(Level.INFO).stream().anyMatch(m -> m.contains("unionId=union-1")), log::all);
        assertTrue(log.messages(Level.WARNING).isEmpty(), log::all);
        assertNoSecrets(state, browser.sessionId());
    }
}
