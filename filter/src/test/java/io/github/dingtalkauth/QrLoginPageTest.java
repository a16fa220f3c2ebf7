package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.support.Browser.Exchange;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.support.FrameOptions;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code loginPage=qr}: the filter's own page shows DingTalk's QR code (DTFrameLogin) for a fresh login. */
class QrLoginPageTest extends GuardFixture {
    static final String SCRIPT = "https://g.alicdn.com/dingding/h5-dingtalk-login/0.21.0/ddlogin.js";
    private static final Pattern NONCE = Pattern.compile("<script nonce=\"([^\"]+)\">");

    @Override
    protected String[] settings() {
        return new String[] {"excludePaths", "/, /public/*", "loginPage", "qr"};
    }

    static String attribute(String body, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(body);
        assertTrue(m.find(), () -> "no " + name + " in " + body);
        return m.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    static JsonObject loginOptions(String body) {
        return Json.createReader(new StringReader(attribute(body, "data-login-options"))).readObject();
    }

    @Test
    void anAnonymousNavigationGetsTheQrPageWithAFreshStateRecordedInItsLoginCookie() {
        Exchange page = browser.navigate("/reports").send(filter);
        String state = loginOptions(page.body()).getString("state");
        assertAll(() -> assertEquals(200, page.status(), page::everything),
                () -> assertTrue(page.header("Content-Type").startsWith("text/html"), page::everything),
                () -> assertEquals("no-store", page.header("Cache-Control")),
                () -> assertEquals("strict-origin", page.header("Referrer-Policy")),
                () -> assertEquals("DENY", page.header("X-Frame-Options")),
                () -> assertTrue(pending(browser).contains(state), "the state has its login cookie"),
                () -> assertEquals("/reports", pending(browser).targetOf(state)),
                () -> assertNotEquals(state, loginOptions(browser.navigate("/reports").send(filter).body())
                        .getString("state")));
    }

    @Test
    void theQrPageSpeaksTheReadersLanguage() {
        Exchange chinese = browser.navigate("/dingtalk/login").header("Accept-Language", "zh-CN,zh;q=0.9").send(filter);
        Exchange english = browser.navigate("/dingtalk/login").header("Accept-Language", "en-US,en;q=0.8").send(filter);
        assertAll(() -> assertTrue(chinese.body().contains("<html lang=\"zh-CN\"")
                        && chinese.body().contains("请用钉钉扫描二维码登录") && !chinese.body().contains("Scan the QR"),
                        chinese::body),
                () -> assertTrue(english.body().contains("<html lang=\"en\"")
                        && english.body().contains("Scan the QR code") && !english.body().contains("扫描"),
                        english::body),
                () -> assertEquals("Accept-Language", english.header("Vary")),
                () -> assertFalse(chinese.body().contains("qr.") || english.body().contains("qr."), "a raw key"));
    }

    @Test
    void theLoginPathServesTheQrPageWithTheConfiguredParameters() {
        Exchange page = browser.navigate("/dingtalk/login").send(filter);
        JsonObject options = loginOptions(page.body());
        assertAll(() -> assertEquals(200, page.status(), page::everything),
                () -> assertEquals(Filters.REDIRECT_URI, options.getString("redirect_uri")),
                () -> assertEquals(Filters.APP_ID, options.getString("client_id")),
                () -> assertEquals("openid", options.getString("scope")),
                () -> assertEquals("code", options.getString("response_type")),
                () -> assertEquals("consent", options.getString("prompt")),
                () -> assertFalse(options.containsKey("org_type")),
                () -> assertEquals(Filters.REDIRECT_URI, attribute(page.body(), "data-redirect-uri")),
                () -> assertEquals(SCRIPT, attribute(page.body(), "data-script-url")));
    }

    @Test
    void theCspAllowsTheScriptOriginTheNonceAndTheFrameOriginOnly() {
        Exchange page = browser.navigate("/dingtalk/login").send(filter);
        Matcher nonce = NONCE.matcher(page.body());
        assertTrue(nonce.find(), page::body);
        String value = nonce.group(1);
        assertEquals("default-src 'none'; script-src 'nonce-" + value + "' https://g.alicdn.com;"
                        + " frame-src https://login.dingtalk.com; style-src 'unsafe-inline'; frame-ancestors 'none';"
                        + " base-uri 'none'; form-action 'self'", page.header("Content-Security-Policy"));
        assertFalse(nonce.find(), "the page has one script");
        Matcher again = NONCE.matcher(browser.navigate("/dingtalk/login").send(filter).body());
        assertTrue(again.find());
        assertNotEquals(value, again.group(1), "a fresh nonce per response");
    }

    @Test
    void thePageLinksToThePlainRedirectWithTheReturnTarget() {
        Exchange page = browser.navigate("/reports?x=1").send(filter);
        String fallback = attribute(page.body(), "data-fallback-url");
        assertEquals("/dingtalk/login?mode=redirect&returnTo=%2Freports%3Fx%3D1", fallback);
        assertTrue(page.body().contains("id=\"dt-qr-fallback\" class=\"button\" href=\""
                + fallback.replace("&", "&amp;") + "\""), page::body);
    }

    @Test
    void modeRedirectAlwaysGoesToDingTalkAndKeepsTheTarget() {
        Exchange start = browser.navigate("/dingtalk/login?mode=redirect&returnTo=%2Freports").send(filter);
        assertEquals(302, start.status(), start::everything);
        assertTrue(start.location().startsWith(AUTHORIZE + "?"), start::location);
        assertEquals("/reports", pending(browser).targetOf(query(start.location()).get("state")));
    }

    @Test
    void aScanThroughThePageSignsInByTheOrdinaryCallback() {
        Exchange page = browser.navigate("/reports").send(filter);
        JsonObject options = loginOptions(page.body());
        String state = options.getString("state");
        String callback = dingtalk.approve(FrameOptions.authorizeUrl(options), "alice");
        Exchange done = browser.get(callback.substring(callback.indexOf("/dingtalk/callback"))).send(filter);
        assertEquals(303, done.status(), done::everything);
        assertEquals("/reports", done.location());
        assertFalse(pending(browser).contains(state), "the login cookie is spent");
    }

    @Test
    void everyValueIsEscaped() throws Exception {
        filter.destroy();
        filter = start(container, Filters.params(dingtalk, "loginPage", "qr", "appId", "app\"><b>x</b>'&"));
        String body = browser.navigate("/dingtalk/login").send(filter).body();
        assertAll(() -> assertFalse(body.contains("<b>x"), body),
                () -> assertTrue(body.contains("app\\&quot;&gt;&lt;b&gt;x&lt;/b&gt;&#39;&amp;"), body),
                () -> assertEquals("app\"><b>x</b>'&", loginOptions(body).getString("client_id")));
    }

    @Test
    void withOneAllowedOrganizationTheOptionsNameItAndTheOrgType() throws Exception {
        filter.destroy();
        filter = start(container, Filters.params(dingtalk, "loginPage", "qr", "allowedCorpIds", "dingA"));
        JsonObject options = loginOptions(browser.navigate("/dingtalk/login").send(filter).body());
        assertAll(() -> assertEquals("openid corpid", options.getString("scope")),
                () -> assertEquals("dingA", options.getString("corpId")),
                () -> assertEquals("management", options.getString("org_type")));
    }
}
