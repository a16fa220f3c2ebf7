package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.web.SignedInRequest;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Registered for ASYNC and ERROR dispatches too, the filter only makes the signed-in user visible there: an async
 * servlet's {@code dispatch()} and an error page see who is signed in, and nothing else of the filter applies.
 */
class DispatchTest extends FilterFixture {

    @ParameterizedTest
    @EnumSource(value = DispatcherType.class, names = {"ASYNC", "ERROR", "FORWARD", "INCLUDE"})
    void aRedispatchOfASignedInRequestSeesTheUser(DispatcherType type) {
        signIn(browser, "/a", "union-1");
        Exchange exchange = browser.get("/reports").dispatch(type).send(filter);
        SignedInRequest passed = assertInstanceOf(SignedInRequest.class, exchange.passedOn());
        assertEquals("union-1", passed.getRemoteUser());
    }

    @ParameterizedTest
    @EnumSource(value = DispatcherType.class, names = {"ASYNC", "ERROR"})
    void anAnonymousRedispatchOfAProtectedPathGoesOnUntouched(DispatcherType type) {
        Exchange exchange = browser.get("/reports").header("Accept", "application/json").dispatch(type)
                .send(filter);
        assertAll(
                () -> assertSame(exchange.request(), exchange.passedOn()),
                () -> assertEquals(200, exchange.status(), "no 401 on a " + type + " dispatch"),
                () -> assertTrue(exchange.headers().isEmpty(), exchange::everything),
                () -> assertFalse(exchange.sessionCreated()));
    }

    @ParameterizedTest
    @EnumSource(value = DispatcherType.class, names = {"ASYNC", "ERROR"})
    void aRedispatchToTheLoginPathStartsNoLogin(DispatcherType type) {
        Exchange exchange = browser.navigate("/dingtalk/login").dispatch(type).send(filter);
        assertSame(exchange.request(), exchange.passedOn());
        assertNull(exchange.location());
        assertFalse(exchange.sessionCreated());
    }
}
