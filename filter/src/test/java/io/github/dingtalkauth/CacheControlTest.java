package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.Filters;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

/** A response to a signed-in request is kept out of caches, unless something before the application chose. */
class CacheControlTest extends FilterFixture {
    static final String NO_STORE = "no-cache, no-store, max-age=0, must-revalidate";

    private void assertUncacheable(Exchange exchange) {
        assertAll(
                () -> assertTrue(exchange.passedThrough(), exchange::everything),
                () -> assertEquals(NO_STORE, exchange.header("Cache-Control")),
                () -> assertEquals("no-cache", exchange.header("Pragma")),
                () -> assertEquals("0", exchange.header("Expires")));
    }

    @Test
    void aSignedInPageIsMarkedUncacheable() {
        signIn(browser, "/a", "union-1");
        assertUncacheable(browser.navigate("/reports").send(filter));
    }

    @Test
    void aSignedInApiCallIsMarkedUncacheable() {
        signIn(browser, "/a", "union-1");
        assertUncacheable(browser.get("/api/orders").header("Accept", "application/json").send(filter));
    }

    @Test
    void anExcludedPageIsMarkedUncacheableForSomeoneSignedIn() {
        signIn(browser, "/a", "union-1");
        assertUncacheable(browser.navigate("/public/about.html").send(filter));
    }

    @Test
    void aCacheControlSetBeforeTheFilterIsKept() {
        signIn(browser, "/a", "union-1");
        Exchange exchange = browser.navigate("/reports").responseHeader("Cache-Control", "private, max-age=60")
                .send(filter);
        assertEquals("private, max-age=60", exchange.header("Cache-Control"));
        assertNull(exchange.header("Pragma"));
        assertNull(exchange.header("Expires"));
    }

    @Test
    void anAnonymousExcludedPageIsLeftToTheApplication() {
        Exchange exchange = browser.navigate("/public/about.html").send(filter);
        assertTrue(exchange.passedThrough());
        assertNull(exchange.header("Cache-Control"));
    }

    @Test
    void cacheControlFalseLeavesSignedInResponsesAlone() throws Exception {
        Filter off = Filters.start(container, Filters.params(dingtalk, "cacheControl", "false"));
        try {
            signIn(browser, "/a", "union-1");
            Exchange exchange = browser.navigate("/reports").send(off);
            assertTrue(exchange.passedThrough(), exchange::everything);
            assertNull(exchange.header("Cache-Control"));
            assertNull(exchange.header("Pragma"));
        } finally {
            off.destroy();
        }
    }
}
