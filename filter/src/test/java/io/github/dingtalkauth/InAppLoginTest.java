package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.junit.DingTalkEmulatorExtension;
import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.FakeContainer;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.support.LogCapture;
import io.github.dingtalkauth.support.TestDingTalk;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code inAppLogin} at the filter: the bootstrap page a navigation from DingTalk's client gets, and the POST of its
 * in-app code to {@code inAppPath}, against the emulator's {@code topapi/v2/user/getuserinfo}.
 */
class InAppLoginTest {
    static final String CLIENT_AGENT = "Mozilla/5.0 AliApp(DingTalk/7.6.0) Chrome/120.0.0.0";
    static final Pattern TOKEN = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");
    static final Pattern NONCE = Pattern.compile("'nonce-([^']+)'");

    @RegisterExtension
    final DingTalkEmulatorExtension emulator = TestDingTalk.extension(EmulatorUser.defaults());

    DingTalkEmulator dingtalk;
    LogCapture log;
    DingTalkAuthFilter filter;
    Browser browser;

    @BeforeEach
    void start() throws ServletException {
        dingtalk = emulator.emulator();
        log = LogCapture.start();
        startFilter("allowedCorpIds", dingtalk.corpId());
    }

    @AfterEach
    void release() {
        log.close();
        filter.destroy();
    }

    void startFilter(String... more) throws ServletException {
        if (filter != null) {
            filter.destroy();
        }
        FakeContainer container = new FakeContainer("");
        String[] settings = new String[more.length + 4];
        System.arraycopy(new String[] {"inAppLogin", "true", "jsapiUrl", dingtalk.jsapiUrl()}, 0, settings, 0, 4);
        System.arraycopy(more, 0, settings, 4, more.length);
        filter = Filters.start(container, Filters.params(dingtalk, settings));
        browser = container.browser();
    }

    Browser.Exchange openInClient(String uri) {
        return browser.navigate(uri).header("User-Agent", CLIENT_AGENT).send(filter);
    }

    static String tokenIn(Browser.Exchange page) {
        Matcher m = TOKEN.matcher(page.body());
        assertTrue(m.find(), page::everything);
        return m.group(1);
    }

    Browser.Exchange post(String query) {
        return browser.post("/dingtalk/inapp?" + query).header("User-Agent", CLIENT_AGENT).send(filter);
    }

    int codeExchanges() {
        return dingtalk.requests(Endpoint.IN_APP_USER_INFO).size();
    }

    DingTalkPrincipal principal() {
        Browser.Exchange page = browser.navigate("/a").send(filter);
        return page.passedThrough() ? (DingTalkPrincipal) ((HttpServletRequest) page.passedOn()).getUserPrincipal()
                : null;
    }

    void assertRefused(Browser.Exchange answer, int status, String reason) {
        String warnings = String.join("\n", log.messages(Level.WARNING));
        assertAll(
                () -> assertEquals(status, answer.status(), answer::everything),
                () -> assertTrue(answer.body().contains("Reason: " + reason), answer::body),
                () -> assertEquals(1, log.messages(Level.WARNING).size(), warnings),
                () -> assertTrue(warnings.contains("reason=" + reason), warnings),
                () -> assertNull(principal(), "nobody is signed in"));
    }

    void assertNothingSecretLogged(String token) {
        String all = log.all();
        assertAll(
                () -> assertFalse(all.contains(TestDingTalk.CANARY), () -> "a code or token was logged:\n" + all),
                () -> assertFalse(all.contains(token), () -> "the one-time token was logged:\n" + all),
                () -> assertFalse(all.contains("Exception"), all));
    }

    @Test
    void theBootstrapPageSpeaksTheReadersLanguage() {
        Browser.Exchange chinese = browser.navigate("/a").header("User-Agent", CLIENT_AGENT)
                .header("Accept-Language", "zh-CN").send(filter);
        Browser.Exchange english = browser.navigate("/a").header("User-Agent", CLIENT_AGENT)
                .header("Accept-Language", "en").send(filter);
        assertAll(() -> assertTrue(chinese.body().contains("<html lang=\"zh-CN\"")
                        && chinese.body().contains("正在通过钉钉客户端登录") && !chinese.body().contains("Signing you in"),
                        chinese::body),
                () -> assertTrue(english.body().contains("<html lang=\"en\"")
                        && english.body().contains("Signing you in") && !english.body().contains("正在"), english::body),
                () -> assertFalse(chinese.body().contains("inApp.") || english.body().contains("inApp."), "a raw key"));
    }

    @Test
    void aNavigationFromTheClientGetsTheBootstrapPageUnderAStrictPolicy() {
        Browser.Exchange page = openInClient("/a?x=1");
        String policy = page.header("Content-Security-Policy");
        assertAll(
                () -> assertEquals(200, page.status(), page::everything),
                () -> assertEquals("no-store", page.header("Cache-Control")),
                () -> assertTrue(policy.startsWith("default-src 'none'; script-src " + dingtalk.baseUrl()
                        + " 'nonce-"), policy),
                // the form's POST may end at DingTalk's login page (a refused code), and nowhere else
                () -> assertTrue(policy.contains("form-action 'self' https://login.dingtalk.com;")
                        && policy.contains("frame-ancestors 'none'"), policy),
                () -> assertFalse(policy.contains("script-src 'unsafe-inline'") || policy.contains("strict-dynamic"),
                        policy),
                () -> assertTrue(page.body().contains("action=\"/dingtalk/inapp\""), page::body),
                () -> assertTrue(page.body().contains("data-corp-id=\"" + dingtalk.corpId() + "\""), page::body),
                () -> assertTrue(page.body().contains("href=\"/dingtalk/login?returnTo=%2Fa%3Fx%3D1\""), page::body),
                // no Accept-Language: English, the page's link to the ordinary login included
                () -> assertTrue(page.body().contains("<html lang=\"en\"")
                        && page.body().contains(">Sign in with DingTalk</a>"), page::body),
                () -> assertTrue(page.body().contains("<script nonce=\""), page::body),
                () -> assertFalse(page.sessionCreated(), "a page costs no session"));
    }

    @Test
    void eachBootstrapPageHasItsOwnNonceAndToken() {
        Browser.Exchange first = openInClient("/a");
        Browser.Exchange second = openInClient("/a");
        Matcher a = NONCE.matcher(first.header("Content-Security-Policy"));
        Matcher b = NONCE.matcher(second.header("Content-Security-Policy"));
        assertTrue(a.find() && b.find());
        assertNotEquals(a.group(1), b.group(1));
        assertTrue(first.body().contains("<script nonce=\"" + a.group(1) + "\">"));
        assertNotEquals(tokenIn(first), tokenIn(second));
    }

    @Test
    void aNavigationFromAnOrdinaryBrowserIsSentToDingTalk() {
        Browser.Exchange page = browser.navigate("/a").send(filter);
        assertEquals(302, page.status(), page::everything);
    }

    @Test
    void aScriptInsideTheClientStillGets401() {
        Browser.Exchange api = browser.get("/api/me").header("User-Agent", CLIENT_AGENT)
                .header("Accept", "application/json").send(filter);
        assertEquals(401, api.status(), api::everything);
    }

    @Test
    void theCodeWithItsTokenSignsInOnANewSessionAndGoesToTheTarget() {
        String token = tokenIn(openInClient("/a?x=1"));
        Browser.Exchange signIn = post("state=" + token + "&code=" + dingtalk.inAppCode("zhangsan"));
        DingTalkPrincipal principal = principal();
        assertAll(
                () -> assertEquals(303, signIn.status(), signIn::everything),
                () -> assertEquals("/a?x=1", signIn.location()),
                () -> assertEquals("zhangsan", principal.getUserId()),
                () -> assertEquals(dingtalk.corpId(), principal.getCorpId()),
                () -> assertTrue(principal.isMember()),
                () -> assertEquals(1, codeExchanges()));
        assertTrue(log.messages(Level.WARNING).isEmpty(), log::all);
        assertNothingSecretLogged(token);
    }

    @Test
    void theSignInChangesAnExistingSessionsId() {
        browser.newSession();
        String before = browser.sessionId();
        String token = tokenIn(openInClient("/a"));
        assertEquals(303, post("state=" + token + "&code=" + dingtalk.inAppCode("zhangsan")).status());
        assertNotEquals(before, browser.sessionId());
    }

    @Test
    void aPostWithoutTheTokenIsRefusedBeforeDingTalkIsCalled() {
        openInClient("/a");
        assertRefused(post("code=" + dingtalk.inAppCode("zhangsan")), 403, "in_app_token_invalid");
        assertEquals(0, codeExchanges());
        assertTrue(log.all().contains("token=missing"), log::all);
    }

    @Test
    void aPostWithAWrongTokenIsRefusedBeforeDingTalkIsCalled() {
        String token = tokenIn(openInClient("/a"));
        String wrong = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertRefused(post("state=" + wrong + "&code=" + dingtalk.inAppCode("zhangsan")), 403,
                "in_app_token_invalid");
        assertEquals(0, codeExchanges());
    }

    @Test
    void aTokenFromAnotherBrowserIsRefused() {
        String token = tokenIn(openInClient("/a"));
        browser.cookies().keySet().forEach(name -> browser.setCookie(name, null));
        assertRefused(post("state=" + token + "&code=" + dingtalk.inAppCode("zhangsan")), 403,
                "in_app_token_invalid");
        assertEquals(0, codeExchanges());
    }

    @Test
    void aUsedTokenIsRefusedBeforeDingTalkIsCalledAgain() {
        Browser.Exchange page = openInClient("/a");
        String token = tokenIn(page);
        java.util.Map<String, String> cookies = new java.util.HashMap<>(browser.cookies());
        assertEquals(303, post("state=" + token + "&code=" + dingtalk.inAppCode("zhangsan")).status());
        browser.newSession(); // a fresh browser state, replaying the old cookie
        cookies.forEach(browser::setCookie);
        Browser.Exchange replay = post("state=" + token + "&code=" + dingtalk.inAppCode("zhangsan"));
        assertEquals(403, replay.status(), replay::everything);
        assertTrue(log.all().contains("reason=in_app_token_invalid token=used"), log::all);
        assertEquals(1, codeExchanges());
    }

    @Test
    void aReplayedCodeFallsBackToTheRedirectOnce() {
        String code = dingtalk.inAppCode("zhangsan");
        assertEquals(303, post("state=" + tokenIn(openInClient("/a")) + "&code=" + code).status());
        browser.newSession();
        Browser.Exchange again = post("state=" + tokenIn(openInClient("/b")) + "&code=" + code);
        assertAll(
                () -> assertEquals(303, again.status(), again::everything),
                () -> assertEquals("/dingtalk/login?returnTo=%2Fb", again.location()),
                () -> assertTrue(log.all().contains("fell back") && log.all().contains("code=40078"), log::all));
    }

    @Test
    void theLoginPathTheFallbackUsesRedirectsToDingTalkEvenInsideTheClient() {
        Browser.Exchange login = browser.navigate("/dingtalk/login?returnTo=%2Fb").header("User-Agent", CLIENT_AGENT)
                .send(filter);
        assertEquals(302, login.status(), login::everything);
    }

    @Test
    void noAuthorizationFallsBack() {
        dingtalk.setFaultOnce(Endpoint.IN_APP_USER_INFO, Fault.oapiError(40079, "没有授权"));
        Browser.Exchange answer = post("state=" + tokenIn(openInClient("/a")) + "&code=whatever");
        assertEquals("/dingtalk/login?returnTo=%2Fa", answer.location(), answer::everything);
    }

    @Test
    void aUserOutsideTheVisibleRangeFallsBack() {
        dingtalk.setFaultOnce(Endpoint.IN_APP_USER_INFO, Fault.oapiError(50002, "用户不在可见范围"));
        Browser.Exchange answer = post("state=" + tokenIn(openInClient("/a")) + "&code=whatever");
        assertEquals("/dingtalk/login?returnTo=%2Fa", answer.location(), answer::everything);
    }

    @Test
    void anOutsiderIsRefusedWithoutAFallback() {
        Browser.Exchange answer = post("state=" + tokenIn(openInClient("/a")) + "&code="
                + dingtalk.inAppCode("zhouqi"));
        assertRefused(answer, 403, "not_a_member");
    }

    @Test
    void anExternalContactIsRefusedWithoutAFallback() {
        Browser.Exchange answer = post("state=" + tokenIn(openInClient("/a")) + "&code="
                + dingtalk.inAppCode("sunba"));
        assertRefused(answer, 403, "not_a_member");
    }

    @Test
    void dingTalkFailingOtherwiseIsTheErrorPage() {
        dingtalk.setFaultOnce(Endpoint.IN_APP_USER_INFO, Fault.oapiError(-1, "系统繁忙"));
        assertRefused(post("state=" + tokenIn(openInClient("/a")) + "&code=c1"), 502, "provider_error");
    }

    @Test
    void aMissingCodeIsRefused() {
        assertRefused(post("state=" + tokenIn(openInClient("/a"))), 400, "code_missing");
        assertEquals(0, codeExchanges());
    }

    @Test
    void aGetOfTheInAppPathIs405() {
        Browser.Exchange get = browser.navigate("/dingtalk/inapp").send(filter);
        assertEquals(405, get.status());
        assertEquals("POST", get.header("Allow"));
    }

    @Test
    void withSeveralOrganizationsTheWorkbenchsCorpIdChoosesOne() throws ServletException {
        startFilter("allowedCorpIds", "dingOtherCorp00000000000000000000," + dingtalk.corpId());
        Browser.Exchange page = openInClient("/a?corpId=" + dingtalk.corpId());
        assertEquals(200, page.status(), page::everything);
        assertTrue(page.body().contains("data-corp-id=\"" + dingtalk.corpId() + "\""), page::body);
    }

    @Test
    void withSeveralOrganizationsAnUnlistedCorpIdGetsTheRedirect() throws ServletException {
        startFilter("allowedCorpIds", "dingOtherCorp00000000000000000000," + dingtalk.corpId());
        assertEquals(302, openInClient("/a?corpId=dingForeign").status());
        assertEquals(302, openInClient("/a").status());
    }
}
