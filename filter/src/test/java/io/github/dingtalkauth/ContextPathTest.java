package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.FilterFixture;
import org.junit.jupiter.api.Test;

/** In an application deployed under /app, every URL the filter writes carries the context path exactly once. */
class ContextPathTest extends FilterFixture {

    @Override
    protected String contextPath() {
        return "/app";
    }

    @Override
    protected String[] settings() {
        return new String[] {"redirectUri", "https://app.example.com/app/dingtalk/callback",
            "postLogoutRedirect", "/bye"};
    }

    @Test
    void callbackReturnsToThePageUnderTheContextPath() {
        Exchange exchange = signIn(browser, "/reports?id=1", "union-1");
        assertEquals(303, exchange.status(), exchange::everything);
        assertEquals("/app/reports?id=1", exchange.location());
    }

    @Test
    void unauthorizedJsonNamesTheLoginUnderTheContextPath() {
        Exchange exchange = browser.get("/api").header("Accept", "application/json").send(filter);
        assertEquals("{\"error\":\"unauthenticated\",\"login\":\"/app/dingtalk/login\"}", exchange.body());
    }

    @Test
    void logoutRedirectsUnderTheContextPath() {
        Exchange exchange = browser.post("/dingtalk/logout").header("Origin", "https://app.example.com").send(filter);
        assertEquals("/app/bye", exchange.location());
    }

    @Test
    void linksCarryTheContextPath() {
        Exchange exchange = browser.navigate("/reports").header("Accept", "application/json").send(filter);
        DingTalkLinks links = (DingTalkLinks) exchange.attribute(DingTalkLinks.REQUEST_ATTRIBUTE);
        assertEquals("/app/dingtalk/login", links.getLoginUrl());
        assertEquals("/app/dingtalk/logout", links.getLogoutUrl());
    }

    @Test
    void failurePageOffersTheLoginUnderTheContextPath() {
        Exchange exchange = browser.get("/dingtalk/callback").send(filter);
        assertEquals(400, exchange.status());
        assertEquals(true, exchange.body().contains("href=\"/app/dingtalk/login\""), exchange::body);
    }

    @Test
    void logoutPagePostsToTheLogoutPathUnderTheContextPath() {
        Exchange exchange = browser.navigate("/dingtalk/logout").send(filter);
        assertEquals(true, exchange.body().contains("action=\"/app/dingtalk/logout\""), exchange::body);
        assertEquals(true, exchange.body().contains("href=\"/app/\""), exchange::body);
    }

    @Test
    void backToAUsedCallbackReturnsToThePageUnderTheContextPath() {
        String state = startLogin(browser, "/reports?id=1");
        String callback = "/dingtalk/callback?authCode=" + approve(state, "union-1") + "&state=" + state;
        assertEquals(303, browser.get(callback).send(filter).status());
        Exchange back = browser.get(callback).send(filter);
        assertEquals(303, back.status(), back::everything);
        assertEquals("/app/reports?id=1", back.location());
    }
}
