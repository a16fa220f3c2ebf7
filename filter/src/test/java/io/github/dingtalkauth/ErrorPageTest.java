package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FilterFixture;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With errorPage set, a refused sign-in is forwarded there with its reason, and the page itself needs no login. */
class ErrorPageTest extends FilterFixture {

    @Override
    protected String[] settings() {
        return new String[] {"errorPage", "/login-error"};
    }

    @Test
    void refusedCallbackIsForwardedToTheErrorPageWithItsReason() {
        Exchange exchange = browser.get("/dingtalk/callback?authCode=C").send(filter);
        assertEquals("/login-error", exchange.forwardedTo());
        assertEquals(400, exchange.status());
        assertEquals("state_missing", exchange.attribute(SignInError.REQUEST_ATTRIBUTE));
        assertEquals("no-store", exchange.header("Cache-Control"));
    }

    @Test
    void theErrorPageReadsTheReasonAsASignInError() {
        Exchange exchange = browser.get("/dingtalk/callback?state=x&authCode=C").send(filter);
        assertEquals(Optional.of(SignInError.STATE_INVALID), SignInError.current(exchange.request()));
        assertEquals(SignInError.STATE_INVALID.status(), exchange.status());
    }

    @Test
    void theErrorPageItselfNeedsNoLogin() {
        Exchange exchange = browser.navigate("/login-error").send(filter);
        assertSame(exchange.request(), exchange.passedOn());
    }

    @Test
    void methodNotAllowedStillGetsTheFixedPage() {
        Exchange exchange = browser.request("HEAD", "/dingtalk/callback").send(filter);
        assertNull(exchange.forwardedTo());
        assertEquals(405, exchange.status());
    }
}
