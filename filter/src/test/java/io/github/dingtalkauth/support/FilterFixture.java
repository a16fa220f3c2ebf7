package io.github.dingtalkauth.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.flow.AuthSession;
import io.github.dingtalkauth.DingTalkAuthFilter;
import io.github.dingtalkauth.flow.PendingLogins;
import jakarta.servlet.ServletException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A started filter in a fake container, with a fake DingTalk behind it and one browser in front. */
public abstract class FilterFixture {
    public static final String AUTHORIZE = "https://login.dingtalk.com/oauth2/auth";

    protected FakeDingTalk dingtalk;
    protected FakeContainer container;
    protected DingTalkAuthFilter filter;
    protected Browser browser;

    /** Settings laid over {@link Filters#params}; override to change them. */
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*, *.css", "scope", "openid corpid"};
    }

    protected String contextPath() {
        return "";
    }

    @BeforeEach
    void startFilter() throws ServletException {
        dingtalk = FakeDingTalk.start();
        container = new FakeContainer(contextPath());
        filter = start(container, Filters.params(dingtalk, settings()));
        browser = container.browser();
    }

    /** Starts the filter under test from init-params; override to start it another way. */
    protected DingTalkAuthFilter start(FakeContainer container, Map<String, String> params) throws ServletException {
        return Filters.start(container, params);
    }

    @AfterEach
    void stopFilter() {
        filter.destroy();
        dingtalk.close();
    }

    /** Navigates to a protected page, asserts the redirect to DingTalk and returns the state it carries. */
    protected String startLogin(Browser b, String uri) {
        Browser.Exchange exchange = b.navigate(uri).send(filter);
        assertEquals(302, exchange.status(), exchange::everything);
        assertTrue(exchange.location().startsWith(AUTHORIZE + "?"), exchange::location);
        String state = query(exchange.location()).get("state");
        assertNotNull(state);
        return state;
    }

    /** Starts a login, lets DingTalk approve it for {@code unionId} and returns the callback's outcome. */
    protected Browser.Exchange signIn(Browser b, String uri, String unionId) {
        String state = startLogin(b, uri);
        String code = "code-" + unionId + "-" + state.substring(0, 8);
        dingtalk.issue(code, unionId);
        return b.get("/dingtalk/callback?authCode=" + code + "&state=" + state).send(filter);
    }

    protected static PendingLogins pending(Browser b) {
        FakeSession session = b.session();
        return session == null ? null : (PendingLogins) session.getAttribute(AuthSession.PENDING_ATTRIBUTE);
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
