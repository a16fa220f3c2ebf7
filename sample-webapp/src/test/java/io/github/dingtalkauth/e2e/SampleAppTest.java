package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Membership;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample application as a person uses it: the launcher's server on a random port in dev mode (no appId, so it
 * starts its own emulator), driven over real HTTP by a cookie-keeping browser.
 */
class SampleAppTest {
    private static final String LABEL = "钉钉登录 E2E <Sign in & go>";
    private static final String NASTY_NICK = "<img src=x onerror=alert(1)>";
    private static final String NASTY_TITLE = "<script>alert('title')</script>";
    private static final String NASTY_ROLE = "<b onclick=\"x()\">财务</b>";
    private static final String[] API_REQUEST = {"Accept", "application/json", "Sec-Fetch-Mode", "cors"};

    private static SampleServer server;
    private static DingTalkEmulator nastyEmulator;
    private static SampleServer nastyServer;

    @BeforeAll
    static void start() throws Exception {
        server = SampleServer.builder().port(0).setting("label", LABEL).start();
        nastyEmulator = DingTalkEmulator.builder().port(0).users(List.of(new EmulatorUser("nasty",
                "nAsTyUnIoNiD0123456789iEiE", "nAsTyOpEnId0123456789iEiE", NASTY_NICK, null,
                "nasty@example.com", "13800000000", "86", null, false, nastyMembership()))).start();
        nastyServer = SampleServer.builder().port(0).emulator(nastyEmulator).start();
    }

    /** A member whose directory entry is as hostile as the nick: every shown field must be escaped. */
    private static Membership nastyMembership() {
        return new Membership("nasty", Membership.MEMBER, NASTY_NICK, NASTY_TITLE, NASTY_TITLE, NASTY_TITLE, null,
                null, List.of(7L), List.of(), List.of(new Membership.Role(1, NASTY_ROLE, NASTY_ROLE)), false, false,
                false, true, true, null, false);
    }

    @AfterAll
    static void stop() {
        try {
            if (nastyServer != null) {
                nastyServer.close();
            }
            if (nastyEmulator != null) {
                nastyEmulator.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void devModeWithoutAppIdSendsTheBrowserToTheEmulator() {
        DingTalkEmulator emulator = server.emulator().orElseThrow(() -> new AssertionError("no emulator in dev mode"));

        Browser.Response answer = new Browser(server.baseUri()).navigate("/me");

        assertEquals(302, answer.status());
        assertTrue(answer.location().startsWith(emulator.authorizeUrl() + "?"), answer.location());
        assertEquals(emulator.clientId(), answer.locationParameter("client_id"));
        assertEquals(server.baseUri() + "/dingtalk/callback", answer.locationParameter("redirect_uri"));
    }

    @Test
    void homeShowsTheConfiguredLabelAndASignInLinkWhenSignedOut() {
        Browser.Response home = new Browser(server.baseUri()).navigate("/");

        assertEquals(200, home.status());
        assertTrue(home.body().contains("<a class=\"button dingtalk\" href=\"/dingtalk/login\">" + escape(LABEL)
                + "</a>"), home.body());
        assertFalse(home.body().contains("/dingtalk/logout"), home.body());
    }

    @Test
    void homeShowsTheNickAndAPostLogoutFormWhenSignedIn() {
        Browser browser = signedIn("zhangsan");

        Browser.Response home = browser.navigate("/");

        assertEquals(200, home.status());
        assertTrue(home.body().contains(">张三<"), home.body());
        assertTrue(home.body().contains("<form method=\"post\" action=\"/dingtalk/logout\">"), home.body());
        assertFalse(home.body().contains("href=\"/dingtalk/login\""), home.body());
    }

    @Test
    void approvingConsentLandsOnMeWhichListsEveryPrincipalField() {
        Browser browser = new Browser(server.baseUri());
        Browser.Response done = SignIn.signIn(browser, "/me", "zhangsan");
        assertEquals(303, done.status(), done.body());
        assertEquals("/me", done.location());

        Browser.Response me = browser.navigate("/me");

        assertEquals(200, me.status());
        EmulatorUser user = user("zhangsan");
        for (String value : List.of(user.unionId(), user.openId(), user.nick(), user.avatarUrl(), user.email(),
                user.mobile(), user.stateCode())) {
            assertTrue(me.body().contains("<code>" + escape(value) + "</code>"), () -> value + " in " + me.body());
        }
    }

    @Test
    void denyingConsentShowsTheCancelledPageAndLeavesTheVisitorSignedOut() {
        Browser browser = new Browser(server.baseUri());
        String callback = SignIn.deny(browser, SignIn.start(browser, "/me"));

        Browser.Response answer = SignIn.callback(browser, callback);

        assertEquals(403, answer.status());
        assertTrue(answer.body().contains("Reason: access_denied"), answer.body());
        assertEquals(401, browser.get("/api/me", API_REQUEST).status());
        assertEquals(302, browser.navigate("/me").status());
    }

    @Test
    void apiMeWithoutASessionAnswers401Json() {
        Browser.Response answer = new Browser(server.baseUri()).get("/api/me", API_REQUEST);

        assertEquals(401, answer.status());
        JsonObject body = json(answer.body());
        assertEquals("unauthenticated", body.getString("error"));
        assertEquals("/dingtalk/login", body.getString("login"));
    }

    @Test
    void apiMeReturnsThePrincipalAsJson() {
        Browser browser = signedIn("zhangsan");

        Browser.Response answer = browser.get("/api/me", API_REQUEST);

        assertEquals(200, answer.status());
        assertTrue(answer.header("content-type").startsWith("application/json"), answer.header("content-type"));
        JsonObject me = json(answer.body());
        EmulatorUser user = user("zhangsan");
        assertEquals(user.unionId(), me.getString("unionId"));
        assertEquals(user.unionId(), me.getString("name"));
        assertEquals(user.openId(), me.getString("openId"));
        assertEquals(user.nick(), me.getString("nick"));
        assertEquals(user.avatarUrl(), me.getString("avatarUrl"));
        assertEquals(user.email(), me.getString("email"));
        assertEquals(user.mobile(), me.getString("mobile"));
        assertEquals(user.stateCode(), me.getString("stateCode"));
        assertEquals(server.emulator().orElseThrow().corpId(), me.getString("corpId"),
                "dev mode allows only the emulator's organization, so DingTalk names it");
    }

    @Test
    void logoutFormSignsOutAndHomeOffersSignInAgain() {
        Browser browser = signedIn("zhangsan");

        Browser.Response answer = browser.postForm("/dingtalk/logout", "", "Origin", server.baseUri().toString(),
                "Sec-Fetch-Site", "same-origin");

        assertEquals(303, answer.status());
        assertEquals("/", answer.location());
        assertTrue(browser.navigate("/").body().contains("href=\"/dingtalk/login\""));
        assertEquals(401, browser.get("/api/me", API_REQUEST).status());
    }

    @Test
    void secondUserInAFreshSessionSeesOnlyTheirOwnProfile() {
        Browser browser = signedIn("zhangsan");
        String firstSession = browser.cookie("JSESSIONID");
        assertEquals(303, browser.postForm("/dingtalk/logout", "", "Origin", server.baseUri().toString()).status());

        Browser.Response done = SignIn.signIn(browser, "/me", "lisi");

        assertEquals(303, done.status(), done.body());
        assertFalse(firstSession.equals(browser.cookie("JSESSIONID")), "a fresh session");
        Browser.Response me = browser.navigate("/me");
        assertTrue(me.body().contains(user("lisi").unionId()), me.body());
        assertTrue(me.body().contains("李四"), me.body());
        assertFalse(me.body().contains("张三"), me.body());
        assertFalse(me.body().contains(user("zhangsan").unionId()), me.body());
        assertEquals(user("lisi").unionId(), json(browser.get("/api/me", API_REQUEST).body()).getString("unionId"));
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() {
        Browser browser = new Browser(server.baseUri());
        SignIn.Started started = SignIn.start(browser, "/me");
        Browser.Response done = SignIn.callback(browser, SignIn.approve(browser, started, "zhangsan"));
        assertEquals(303, done.status());

        List<String> cookies = done.setCookies().stream().filter(c -> c.startsWith("JSESSIONID=")).toList();

        assertFalse(cookies.isEmpty(), () -> "the sign-in sets the new session cookie: " + done.setCookies());
        for (String cookie : cookies) {
            String lower = cookie.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("; httponly"), cookie);
            assertTrue(lower.contains("; samesite=lax"), cookie);
            assertFalse(lower.contains("; secure"), cookie);
        }
    }

    @Test
    void htmlInTheNickIsEscapedOnHome() {
        Browser browser = signedInNasty();

        String home = browser.navigate("/").body();

        assertTrue(home.contains(escape(NASTY_NICK)), home);
        assertFalse(home.contains(NASTY_NICK), home);
    }

    @Test
    void htmlInTheNickIsEscapedOnMe() {
        Browser browser = signedInNasty();

        String me = browser.navigate("/me").body();

        assertTrue(me.contains(escape(NASTY_NICK)), me);
        assertFalse(me.contains(NASTY_NICK), me);
    }

    @Test
    void meShowsTheEmployeeProfileOfAMember() {
        String me = signedIn("zhangsan").navigate("/me").body();

        assertRow(me, "getUserId()", "zhangsan");
        assertRow(me, "getEmployeeName()", "张三");
        assertRow(me, "getTitle()", "架构师");
        assertRow(me, "getJobNumber()", "00021116");
        assertRow(me, "getOrgEmail()", "zhangsan@corp.example.com");
        assertRow(me, "getDeptIds()", "8187");
        assertRow(me, "isAdmin()", "true");
        assertRow(me, "isBoss()", "false");
        assertRow(me, "getDingTalkRoleNames()", "子管理员");
        assertRow(me, "isActive()", "true");
        assertRow(me, "isMember()", "true");
        assertTrue(me.contains("<td><code>getLeaderInDepts()</code></td><td><span class=\"muted\">—</span></td>"), me);
    }

    @Test
    void meShowsTheRolesTheDevModeRulesGiveAndIsUserInRoleForEach() {
        String zhangsan = signedIn("zhangsan").navigate("/me").body();
        String lisi = signedIn("lisi").navigate("/me").body();

        assertRow(zhangsan, "getRoles()", "admin, staff");
        assertRow(zhangsan, "request.isUserInRole(\"admin\")", "true");
        assertRow(zhangsan, "request.isUserInRole(\"staff\")", "true");
        assertFalse(zhangsan.contains("isUserInRole(&quot;leads&quot;)"), zhangsan);
        assertRow(lisi, "getRoles()", "leads, staff");
        assertRow(lisi, "isBoss()", "true");
        assertRow(lisi, "getLeaderInDepts()", "1, 8187");
        assertRow(lisi, "request.isUserInRole(\"leads\")", "true");
        assertFalse(lisi.contains("isUserInRole(&quot;admin&quot;)"), lisi);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"zhouqi", "sunba"})
    void devModeRefusesTheOutsiderAndTheExternalContactWithTheNotAMemberPage(String userKey) {
        Browser browser = new Browser(server.baseUri());

        Browser.Response refused = SignIn.signIn(browser, "/me", userKey);

        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains(OrganizationSignInTest.NOT_A_MEMBER_EN)
                && !refused.body().contains(OrganizationSignInTest.NOT_A_MEMBER_ZH), refused.body());
        assertTrue(refused.body().contains("Reason: not_a_member"), refused.body());
        assertEquals(401, browser.get("/api/me", API_REQUEST).status());
    }

    @Test
    void htmlInTheEmployeeProfileIsEscapedOnMe() {
        String me = signedInNasty().navigate("/me").body();

        assertRow(me, "getTitle()", NASTY_TITLE);
        assertFalse(me.contains(NASTY_TITLE), me);
        assertTrue(me.contains("<code>" + escape(NASTY_ROLE) + "</code>"), me);
        assertFalse(me.contains(NASTY_ROLE), me);
    }

    /** A row of /me: the getter, then its value, both escaped as the page escapes them. */
    private static void assertRow(String page, String getter, String value) {
        String row = "<td><code>" + escape(getter) + "</code></td><td><code>" + escape(value) + "</code></td>";
        assertTrue(page.contains(row), () -> row + " in " + page);
    }

    private static Browser signedIn(String userKey) {
        Browser browser = new Browser(server.baseUri());
        Browser.Response done = SignIn.signIn(browser, "/me", userKey);
        assertEquals(303, done.status(), done.body());
        return browser;
    }

    @Test
    void meOffersAPostSignOutButton() {
        Browser browser = signedIn("zhangsan");

        Browser.Response me = browser.navigate("/me");

        assertEquals(200, me.status());
        assertTrue(me.body().contains("<form method=\"post\" action=\"/dingtalk/logout\">"), me.body());
        assertTrue(me.body().contains("Sign out</button>"), me.body());
    }

    @Test
    void anUnknownPageGetsTheSamplesOwn404PageWithoutEchoingTheUrl() {
        Browser.Response missing = new Browser(server.baseUri()).navigate("/public/no-such-page-%3Cb%3E.html");

        assertEquals(404, missing.status());
        assertTrue(missing.body().contains("<h1>Page not found</h1>") && !missing.body().contains("页面不存在"),
                missing.body());
        assertTrue(missing.body().contains("/static/style.css"), "the sample's own look: " + missing.body());
        assertFalse(missing.body().contains("no-such-page"), missing.body());
        assertEquals("no-store", missing.header("Cache-Control"));
    }

    private static Browser signedInNasty() {
        Browser browser = new Browser(nastyServer.baseUri());
        Browser.Response done = SignIn.signIn(browser, "/me", "nasty");
        assertEquals(303, done.status(), done.body());
        return browser;
    }

    private static EmulatorUser user(String key) {
        return server.emulator().orElseThrow().users().stream().filter(u -> u.key().equals(key)).findFirst()
                .orElseThrow();
    }

    private static JsonObject json(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    /** The escaping the sample's pages promise for text and attribute values. */
    private static String escape(String text) {
        assertNotNull(text);
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
