package io.github.dingtalkauth.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.junit.DingTalkEmulatorExtension;
import jakarta.servlet.ServletException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A started filter in a fake container, with the DingTalk emulator behind it (one per test, over real HTTP) and one
 * browser in front. The authorize URL stays DingTalk's own: {@link #approve} plays the consent page.
 */
public abstract class FilterFixture {
    public static final String AUTHORIZE = "https://login.dingtalk.com/oauth2/auth";

    @RegisterExtension
    final DingTalkEmulatorExtension emulator = TestDingTalk.extension(TestDingTalk.accounts());

    /** The running emulator: its faults, statistics and request log. */
    protected DingTalkEmulator dingtalk;
    protected FakeContainer container;
    protected DingTalkAuthFilter filter;
    protected Browser browser;
    /** Where each started login sent the browser, by its state. */
    private final Map<String, String> authorizeUrls = new HashMap<>();

    /** Settings laid over {@link Filters#params}; override to change them. */
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*, *.css", "scope", "openid corpid"};
    }

    protected String contextPath() {
        return "";
    }

    @BeforeEach
    void startFilter() throws ServletException {
        dingtalk = emulator.emulator();
        container = new FakeContainer(contextPath());
        Map<String, String> params = Filters.params(dingtalk, settings());
        dingtalk.registerRedirectUri(params.get("redirectUri"));
        filter = start(container, params);
        browser = container.browser();
    }

    /** Starts the filter under test from init-params; override to start it another way. */
    protected DingTalkAuthFilter start(FakeContainer container, Map<String, String> params) throws ServletException {
        return Filters.start(container, params);
    }

    @AfterEach
    void stopFilter() {
        filter.destroy();
    }

    /** Navigates to a protected page, asserts the redirect to DingTalk and returns the state it carries. */
    protected String startLogin(Browser b, String uri) {
        Browser.Exchange exchange = b.navigate(uri).send(filter);
        assertEquals(302, exchange.status(), exchange::everything);
        assertTrue(exchange.location().startsWith(AUTHORIZE + "?"), exchange::location);
        String state = query(exchange.location()).get("state");
        assertNotNull(state);
        authorizeUrls.put(state, exchange.location());
        return state;
    }

    /**
     * DingTalk's code for the login that {@code state} started, as the consent page gives it when the account
     * {@code unionId} approves (the emulator checks the filter's authorize request first).
     */
    protected String approve(String state, String unionId) {
        String authorizeUrl = authorizeUrls.get(state);
        assertNotNull(authorizeUrl, "no login of this test was started with this state");
        Map<String, String> callback = query(dingtalk.approve(authorizeUrl, unionId));
        assertEquals(state, callback.get("state"));
        return callback.get("code");
    }

    /** Starts a login, lets DingTalk approve it for {@code unionId} and returns the callback's outcome. */
    protected Browser.Exchange signIn(Browser b, String uri, String unionId) {
        String state = startLogin(b, uri);
        return b.get("/dingtalk/callback?authCode=" + approve(state, unionId) + "&state=" + state).send(filter);
    }

    /** The logins this browser has in flight: its login cookies. */
    protected static LoginCookies pending(Browser b) {
        return new LoginCookies(b);
    }

    /** The query of a URL as raw (still encoded) values. */
    public static Map<String, String> rawQuery(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        String query = url.substring(url.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            values.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return values;
    }

    /** The query of a URL, decoded. */
    public static Map<String, String> query(String url) {
        Map<String, String> values = new LinkedHashMap<>();
        rawQuery(url).forEach((k, v) -> values.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
        return values;
    }
}
