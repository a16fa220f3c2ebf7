package io.github.dingtalkauth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.Membership;
import io.github.dingtalkauth.emulator.junit.DingTalkEmulatorExtension;
import io.github.dingtalkauth.support.Browser;
import io.github.dingtalkauth.support.FakeContainer;
import io.github.dingtalkauth.support.FilterFixture;
import io.github.dingtalkauth.support.Filters;
import io.github.dingtalkauth.support.LogCapture;
import io.github.dingtalkauth.support.TestDingTalk;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import io.github.dingtalkauth.emulator.RecordedRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flow=legacy} end to end against the emulator, which checks the signature and the timestamp as DingTalk
 * does: qrconnect, the signed {@code sns/getuserinfo_bycode}, then the same organization step as the new flow.
 */
class LegacyFlowTest {
    static final String LEGACY_OPEN_ID = "LegacyOpen1dOfZhangsan0iEiE";
    static final List<EmulatorUser> USERS = List.of(
            new EmulatorUser("zhangsan", "Un10nZhangsan0000000000iEiE", "NewOpen1dZhangsan00000iEiE", "张三", null,
                    null, null, "86", null, false, Membership.member("zhangsan"), LEGACY_OPEN_ID),
            new EmulatorUser("outsider", "Un10nOutsider0000000000iEiE", "NewOpen1dOutsider00000iEiE", "Outsider",
                    null, null, null, "86", "dingforeigncorp0000000000000000000", false));

    @RegisterExtension
    final DingTalkEmulatorExtension emulator = TestDingTalk.extension(USERS);

    DingTalkEmulator dingtalk;
    LogCapture log;
    DingTalkAuthFilter filter;
    Browser browser;

    @BeforeEach
    void capture() {
        dingtalk = emulator.emulator();
        dingtalk.registerRedirectUri(Filters.REDIRECT_URI);
        log = LogCapture.start();
    }

    @AfterEach
    void release() {
        log.close();
        if (filter != null) {
            filter.destroy();
        }
    }

    void startFilter(String... more) throws ServletException {
        FakeContainer container = new FakeContainer("");
        String[] settings = new String[more.length + 4];
        System.arraycopy(new String[] {"flow", "legacy", "principalName", "openId"}, 0, settings, 0, 4);
        System.arraycopy(more, 0, settings, 4, more.length);
        filter = Filters.start(container, Filters.params(dingtalk, settings));
        browser = container.browser();
    }

    /** Starts a login at a protected page, approves it on the legacy page as {@code user}, delivers the callback. */
    Browser.Exchange signIn(String user) {
        Browser.Exchange started = browser.navigate("/a").send(filter);
        assertEquals(302, started.status(), started::everything);
        Map<String, String> callback = FilterFixture.query(dingtalk.approve(started.location(), user));
        return browser.get("/dingtalk/callback?code=" + callback.get("code") + "&state=" + callback.get("state"))
                .send(filter);
    }

    DingTalkPrincipal principal() {
        Browser.Exchange page = browser.navigate("/a").send(filter);
        return page.passedThrough() ? (DingTalkPrincipal) ((HttpServletRequest) page.passedOn()).getUserPrincipal()
                : null;
    }

    void assertRefused(Browser.Exchange callback, int status, String reason) {
        String warnings = String.join("\n", log.messages(Level.WARNING));
        assertAll(
                () -> assertEquals(status, callback.status(), callback::everything),
                () -> assertTrue(callback.body().contains("Reason: " + reason), callback::body),
                () -> assertTrue(warnings.contains("reason=" + reason), warnings),
                () -> assertNull(principal(), "nobody is signed in"));
        assertNothingSecretLogged();
    }

    void assertNothingSecretLogged() {
        String all = log.all();
        assertAll(
                () -> assertFalse(all.contains(TestDingTalk.CANARY), () -> "a code or token was logged:\n" + all),
                () -> assertFalse(all.contains(Filters.SECRET), all),
                () -> assertFalse(all.contains("signature="), all),
                () -> assertFalse(all.contains("timestamp="), all),
                () -> assertFalse(all.contains("Exception"), all));
    }

    @Test
    void theBrowserGoesToTheLegacyQrPageWithTheLegacyParameters() throws ServletException {
        startFilter();
        String location = browser.navigate("/a").send(filter).location();
        Map<String, String> query = FilterFixture.query(location);
        assertAll(
                () -> assertTrue(location.startsWith(dingtalk.oapiBaseUrl() + "/connect/qrconnect?"), location),
                () -> assertEquals(Filters.APP_ID, query.get("appid")),
                () -> assertEquals("code", query.get("response_type")),
                () -> assertEquals("snsapi_login", query.get("scope")),
                () -> assertEquals(Filters.REDIRECT_URI, query.get("redirect_uri")),
                () -> assertFalse(query.containsKey("client_id")));
    }

    @Test
    void accountLoginPageIsTheSnsAuthorizePage() throws ServletException {
        startFilter("legacyLoginPage", "account");
        String location = browser.navigate("/a").send(filter).location();
        assertTrue(location.startsWith(dingtalk.oapiBaseUrl() + "/connect/oauth2/sns_authorize?"), location);
    }

    @Test
    void memberSignsInNamedByTheLegacyOpenId() throws ServletException {
        startFilter();
        Browser.Exchange callback = signIn("zhangsan");
        assertEquals(303, callback.status(), callback::everything);
        DingTalkPrincipal principal = principal();
        assertAll(
                () -> assertEquals(LEGACY_OPEN_ID, principal.getOpenId()),
                () -> assertEquals(LEGACY_OPEN_ID, principal.getName()),
                () -> assertEquals(USERS.get(0).unionId(), principal.getUnionId()),
                () -> assertEquals("张三", principal.getNick()));
        assertNothingSecretLogged();
    }

    @Test
    void memberOfTheAllowedOrganizationSignsInWithItsCorpIdFromTheEmployeeProfile() throws ServletException {
        startFilter("allowedCorpIds", dingtalk.corpId());
        assertEquals(303, signIn("zhangsan").status());
        DingTalkPrincipal principal = principal();
        assertEquals(dingtalk.corpId(), principal.getCorpId());
        assertTrue(principal.isMember());
        assertEquals("zhangsan", principal.getUserId());
    }

    @Test
    void outsiderIsRefusedAsNotAMemberThoughTheLegacyAnswerNamesNoOrganization() throws ServletException {
        startFilter("allowedCorpIds", dingtalk.corpId());
        Browser.Exchange callback = signIn("outsider");
        assertRefused(callback, 403, "not_a_member");
        assertTrue(String.join("\n", log.messages(Level.WARNING)).contains("verdict=not_a_member"), log::all);
    }

    @Test
    void aWrongSecretMakesABadSignatureAndACleanProviderErrorPage() throws ServletException {
        startFilter("appSecret", "CANARY-WRONG-SECRET");
        Browser.Exchange callback = signIn("zhangsan");
        assertRefused(callback, 502, "provider_error");
        assertTrue(log.all().contains("code=853004"), log::all);
    }

    @Test
    void aSkewedClockGetsTheClockSkewPageAndALogLineAboutNtp() throws ServletException {
        startFilter();
        dingtalk.setClockSkew(Duration.ofMinutes(3));
        Browser.Exchange callback = signIn("zhangsan");
        assertRefused(callback, 502, "clock_skew");
        assertAll(
                () -> assertTrue(callback.body().contains("by more than a minute"), callback::body),
                () -> assertTrue(log.all().contains("check NTP"), log::all));
    }

    @Test
    void anErrcodeAnswerIsACleanProviderErrorPage() throws ServletException {
        startFilter();
        dingtalk.setFault(Endpoint.LEGACY_USER_INFO, Fault.oapiError(40078, "不存在的临时授权码"));
        assertRefused(signIn("zhangsan"), 502, "provider_error");
        assertTrue(log.all().contains("step=getuserinfo_bycode"), log::all);
    }

    @Test
    void theSignatureIsTheHmacOfTheTimestampUrlEncodedOnce() throws Exception {
        startFilter();
        assertEquals(303, signIn("zhangsan").status());
        RecordedRequest call = dingtalk.requests(Endpoint.LEGACY_USER_INFO).get(0);
        Map<String, String> raw = FilterFixture.rawQuery("?" + call.query());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Filters.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal(raw.get("timestamp").getBytes(StandardCharsets.UTF_8)));
        assertAll(
                () -> assertEquals(Filters.APP_ID, raw.get("accessKey")),
                () -> assertEquals(URLEncoder.encode(expected, StandardCharsets.UTF_8), raw.get("signature")),
                () -> assertFalse(raw.get("signature").matches(".*[+/=].*"), raw::toString),
                () -> assertTrue(call.body().startsWith("{\"tmp_auth_code\":\"" + TestDingTalk.CANARY), call::body));
    }
}
