package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FilterFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every response the filter writes itself is uncacheable, unframeable and sends no Referer onwards; the sign-out page
 * sends one to its own origin only, so that its form's POST carries a real {@code Origin}.
 */
class ProtectiveHeadersTest extends FilterFixture {

    private Exchange respond(String scenario) {
        return switch (scenario) {
            case "login redirect" -> browser.navigate("/reports").send(filter);
            case "explicit login" -> browser.get("/dingtalk/login?returnTo=%2Fa").send(filter);
            case "login 405" -> browser.post("/dingtalk/login").send(filter);
            case "401 json" -> browser.get("/api").header("Accept", "application/json").send(filter);
            case "callback 400" -> browser.get("/dingtalk/callback?authCode=C").send(filter);
            case "callback 405" -> browser.request("HEAD", "/dingtalk/callback").send(filter);
            case "callback 403" -> {
                String state = startLogin(browser, "/a");
                yield browser.get("/dingtalk/callback?error=access_denied&state=" + state).send(filter);
            }
            case "callback 502" -> {
                String state = startLogin(browser, "/a");
                yield browser.get("/dingtalk/callback?authCode=NOPE&state=" + state).send(filter);
            }
            case "callback 303" -> signIn(browser, "/a", "union-1");
            case "logout 303" -> browser.post("/dingtalk/logout").send(filter);
            case "logout 403" -> browser.post("/dingtalk/logout").header("Origin", "https://evil.test").send(filter);
            case "logout 405" -> browser.request("PUT", "/dingtalk/logout").send(filter);
            case "logout page" -> browser.navigate("/dingtalk/logout").send(filter);
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"login redirect", "explicit login", "login 405", "401 json", "callback 400",
        "callback 405", "callback 403", "callback 502", "callback 303", "logout 303", "logout 403", "logout 405",
        "logout page"})
    void filterOwnedResponseCarriesTheProtectiveHeaders(String scenario) {
        Exchange exchange = respond(scenario);
        assertFalse(exchange.passedThrough(), scenario + " reached the application");
        assertAll(scenario,
                () -> assertEquals("no-store", exchange.header("Cache-Control")),
                () -> assertEquals(scenario.equals("logout page") ? "same-origin" : "no-referrer",
                        exchange.header("Referrer-Policy")),
                () -> assertEquals("DENY", exchange.header("X-Frame-Options")),
                () -> assertEquals("nosniff", exchange.header("X-Content-Type-Options")),
                () -> assertTrue(String.valueOf(exchange.header("Content-Security-Policy"))
                        .contains("frame-ancestors 'none'"), () -> exchange.header("Content-Security-Policy")));
    }
}
