package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.FilterLog;
import io.github.dingtalkauth.testing.OrgUsers;
import io.github.dingtalkauth.testing.SignIn;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Only the organization's people sign in (issue 8), end to end over real HTTP: the sample on Jetty in dev mode
 * (which sets {@code allowedCorpIds} to the emulator's organization) with role rules, in front of the emulator with
 * the demo users plus an outsider, an external contact, a dormant member and an account with no organization.
 */
class OrganizationSignInTest {
    static final String NOT_A_MEMBER_ZH = "此钉钉帐号不是本组织的成员";
    static final String NOT_A_MEMBER_EN = "This DingTalk account is not a member of the organization";

    private static DingTalkEmulator emulator;
    private static SampleServer server;
    private static SampleServer requireActive;
    private static FilterLog log;

    @BeforeAll
    static void start() throws Exception {
        log = FilterLog.start();
        emulator = DingTalkEmulator.builder().users(OrgUsers.all()).appTokenPrefix("CANARY-APP-").start();
        server = withRoles(SampleServer.builder()).start();
        requireActive = withRoles(SampleServer.builder()).setting("requireActive", "true").start();
    }

    static SampleServer.Builder withRoles(SampleServer.Builder builder) {
        return builder.port(0).emulator(emulator).setting("requestTimeout", "1s")
                .setting("role.admin", "dingtalkAdmin, userId:lisi")
                .setting("role.staff", "member")
                .setting("role.leads", "leader")
                .setting("role.pm", "dingtalkRole:产品经理")
                .setting("role.sales", "dept:8190")
                .setting("role.home", "corpId:" + OrgUsers.HOME);
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(server, requireActive, emulator, log);
    }

    @BeforeEach
    void forgetEarlierTests() {
        emulator.reset();
        log.clear();
    }

    /** A browser that went through DingTalk as {@code user}, and what the callback answered. */
    record Attempt(Browser browser, Browser.Response callback) {
        /** {@code /api/me}: the principal as JSON, or null when nobody is signed in. */
        JsonObject me() {
            Browser.Response me = browser.get("/api/me", "Accept", "application/json");
            return me.status() == 200 ? json(me.body()) : null;
        }
    }

    static Attempt attempt(SampleServer at, String user) {
        Browser browser = new Browser(at.baseUri());
        return new Attempt(browser, SignIn.signIn(browser, "/me", user));
    }

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static List<String> strings(JsonObject me, String key) {
        return me.getJsonArray(key).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    /** The refusal page, no principal, and exactly one WARN line naming the verdict and nothing of the person. */
    static void assertRefused(Attempt attempt, String verdict, EmulatorUser user) {
        Browser.Response page = attempt.callback();
        List<String> warnings = log.warnings();
        assertAll(
                () -> assertEquals(403, page.status(), page.body()),
                () -> assertTrue(page.body().contains(NOT_A_MEMBER_EN) && !page.body().contains(NOT_A_MEMBER_ZH),
                        "in English, the language of a browser that names none: " + page.body()),
                () -> assertTrue(page.body().contains("Reason: not_a_member"), page.body()),
                () -> assertNull(page.location()),
                () -> assertEquals("no-store", page.header("cache-control")),
                () -> assertNull(attempt.me(), "no principal"),
                () -> assertEquals(1, warnings.size(), warnings::toString),
                () -> assertTrue(warnings.get(0).contains("reason=not_a_member verdict=" + verdict), warnings::toString),
                () -> assertFalse(warnings.get(0).contains(user.unionId()), warnings::toString),
                () -> assertFalse(warnings.get(0).contains(user.nick()), warnings::toString),
                () -> assertFalse(String.join("\n", log.all()).contains("CANARY-APP-"), "an app token was logged"));
    }

    @Test
    void authorizeRequestAsksForTheOrganizationAndPreselectsTheOnlyAllowedOne() {
        SignIn.Started started = SignIn.start(new Browser(server.baseUri()), "/me");
        URI authorize = URI.create(started.authorizeUrl());

        assertTrue(authorize.getRawQuery().contains("&scope=openid%20corpid&"), authorize::toString);
        assertTrue(authorize.getRawQuery().contains("&corpId=" + OrgUsers.HOME), authorize::toString);
    }

    @Test
    void memberSignsInWithTheEmployeeProfileAndTheRolesTheRulesGive() {
        Attempt zhangsan = attempt(server, "zhangsan");

        assertEquals(303, zhangsan.callback().status(), zhangsan.callback().body());
        JsonObject me = zhangsan.me();
        assertAll(
                () -> assertEquals(OrgUsers.user("zhangsan").unionId(), me.getString("name")),
                () -> assertEquals(OrgUsers.HOME, me.getString("corpId")),
                () -> assertEquals("zhangsan", me.getString("userId")),
                () -> assertEquals("架构师", me.getString("title")),
                () -> assertEquals("00021116", me.getString("jobNumber")),
                () -> assertEquals("zhangsan@corp.example.com", me.getString("orgEmail")),
                () -> assertEquals(List.of(8187), me.getJsonArray("deptIds").getValuesAs(
                        jakarta.json.JsonNumber.class).stream().map(jakarta.json.JsonNumber::intValue).toList()),
                () -> assertEquals(List.of("子管理员"), strings(me, "dingTalkRoleNames")),
                () -> assertTrue(me.getBoolean("admin")),
                () -> assertFalse(me.getBoolean("boss")),
                () -> assertTrue(me.getBoolean("active")),
                () -> assertTrue(me.getBoolean("member")),
                () -> assertEquals(List.of("admin", "home", "staff"), strings(me, "roles")));
        Stats stats = emulator.stats();
        assertEquals(1, stats.unionIdLookups());
        assertEquals(1, stats.employeeLookups());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "lisi,     admin home leads staff",
        "alice,    home leads pm staff",
        "wangfang, home sales staff",
    })
    void rolesFollowTheRules(String user, String roles) {
        Attempt attempt = attempt(server, user);

        assertEquals(303, attempt.callback().status(), attempt.callback().body());
        assertEquals(List.of(roles.trim().split(" ")), strings(attempt.me(), "roles"));
    }

    @Test
    void stringTypedOapiAnswersAreReadAsNumbersAndBooleans() {
        emulator.setStringTypedAnswers(true);

        Attempt lisi = attempt(server, "lisi");

        assertEquals(303, lisi.callback().status(), lisi.callback().body());
        JsonObject me = lisi.me();
        assertTrue(me.getBoolean("boss"));
        assertEquals(2, me.getJsonArray("leaderInDepts").size());
        assertEquals(List.of("admin", "home", "leads", "staff"), strings(me, "roles"));
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource({
        "zhouqi,   foreign_organization, 0",
        "sunba,    foreign_organization, 0",
        "nocorp,   corp_id_missing,      0",
        "outsider, not_a_member,         1",
        "contact,  external_contact,     1",
    })
    void personOutsideTheOrganizationGetsTheRefusalPageAndNoPrincipal(String user, String verdict, int lookups) {
        Attempt attempt = attempt(server, user);

        assertRefused(attempt, verdict, OrgUsers.user(user));
        assertEquals(lookups, emulator.stats().unionIdLookups(), "getbyunionid calls");
        assertEquals(0, emulator.stats().employeeLookups(), "no employee profile read");
    }

    @Test
    void scopeEditedToDropCorpidIsRefusedThoughTheUserIsAMember() {
        Browser browser = new Browser(server.baseUri());
        SignIn.Started started = SignIn.start(browser, "/me");
        String tampered = started.authorizeUrl().replace("scope=openid%20corpid", "scope=openid")
                .replaceAll("&corpId=[^&]*", "");
        assertFalse(tampered.contains("corpid"), tampered);

        String callback = SignIn.approve(browser, new SignIn.Started(tampered, started.state()), "zhangsan");
        Attempt attempt = new Attempt(browser, SignIn.callback(browser, callback));

        assertRefused(attempt, "corp_id_missing", OrgUsers.user("zhangsan"));
        assertEquals(0, emulator.stats().unionIdLookups());
    }

    @Test
    void dormantMemberSignsInWithoutRequireActiveAndIsRefusedWithIt() {
        Attempt without = attempt(server, OrgUsers.DORMANT);
        assertEquals(303, without.callback().status(), without.callback().body());
        assertFalse(without.me().getBoolean("active"));
        log.clear();

        Attempt with = attempt(requireActive, OrgUsers.DORMANT);

        assertRefused(with, "inactive", OrgUsers.user(OrgUsers.DORMANT));
        assertEquals(303, attempt(requireActive, "zhangsan").callback().status(), "an active member still signs in");
    }

    @Test
    void refusedAttemptLeavesAnEarlierSignInOfTheBrowserAsItWas() {
        Attempt zhangsan = attempt(server, "zhangsan");
        assertEquals(303, zhangsan.callback().status());

        Browser.Response refused = SignIn.signIn(zhangsan.browser(), "/dingtalk/login", "zhouqi");

        assertEquals(403, refused.status(), refused.body());
        assertEquals(OrgUsers.user("zhangsan").unionId(), zhangsan.me().getString("unionId"));
    }
}
