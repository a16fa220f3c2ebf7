package io.github.dingtalkauth.tomcat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Stats;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.FilterLog;
import io.github.dingtalkauth.testing.OrgUsers;
import io.github.dingtalkauth.testing.SignIn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8's "done when", on a stock Tomcat 10.1 with a plain WAR whose filter is configured only by {@code web.xml}
 * init-params and the properties file they name, with {@code allowedCorpIds} set: an outsider, a user of a foreign
 * organization and an external contact each get the 403 page and no principal; a member signs in with the employee
 * profile and roles; {@code isUserInRole} follows the rules; many logins fetch the app token once; no app token
 * appears in any log line.
 */
public class PlainWarOrganizationTest {
    static final String ROLES = "admin,staff,leads,pm,sales,nobody";

    private static DingTalkEmulator emulator;
    private static PlainWar war;
    private static FilterLog log;

    @BeforeAll
    static void deploy() throws Exception {
        log = FilterLog.start();
        emulator = DingTalkEmulator.builder().users(OrgUsers.all()).appTokenPrefix("CANARY-APP-").start();
        try {
            war = PlainWar.deploy(emulator, fileSettings());
        } catch (Exception | Error e) {
            emulator.close();
            throw e;
        }
    }

    /** What an administrator writes into WEB-INF/dingtalk.properties. */
    static Map<String, String> fileSettings() {
        Map<String, String> file = new LinkedHashMap<>();
        file.put("oapiBaseUrl", emulator.oapiBaseUrl());
        file.put("allowedCorpIds", emulator.corpId());
        file.put("role.admin", "dingtalkAdmin, userId:lisi");
        file.put("role.staff", "member");
        file.put("role.leads", "leader");
        file.put("role.pm", "dingtalkRole:产品经理");
        file.put("role.sales", "dept:8190");
        file.put("role.nobody", "userId:nobody-at-all");
        return file;
    }

    @AfterAll
    static void undeploy() throws Exception {
        Closing.all(war, emulator, log);
        // Last, so that every request of every test, and Tomcat's stop, have been logged.
        List<String> withAppToken = log.all().stream().filter(l -> l.contains("CANARY-APP-")).toList();
        assertEquals(List.of(), withAppToken, "log lines with an app token");
    }

    @BeforeEach
    void forget() {
        emulator.reset();
        log.clear();
    }

    static Map<String, String> whoAmI(Browser browser, String path) {
        Browser.Response page = browser.navigate(path);
        assertEquals(200, page.status(), page.body());
        return PlainWar.lines(page.body());
    }

    static Browser signedIn(String user) {
        return SignIn.signedIn(war.base(), "/whoami", user);
    }

    @Test
    void memberSignsInWithTheEmployeeProfileAndRoles() {
        Map<String, String> me = whoAmI(signedIn("zhangsan"), "/whoami?roles=" + ROLES);

        assertAll(
                () -> assertEquals(OrgUsers.user("zhangsan").unionId(), me.get("remoteUser")),
                () -> assertEquals("zhangsan", me.get("bean.userId")),
                () -> assertEquals("架构师", me.get("bean.title")),
                () -> assertEquals("00021116", me.get("bean.jobNumber")),
                () -> assertEquals("zhangsan@corp.example.com", me.get("bean.orgEmail")),
                () -> assertEquals("8187", me.get("bean.deptIds")),
                () -> assertEquals("子管理员", me.get("bean.dingTalkRoleNames")),
                () -> assertEquals("true", me.get("bean.admin")),
                () -> assertEquals("false", me.get("bean.boss")),
                () -> assertEquals("true", me.get("bean.active")),
                () -> assertEquals("true", me.get("bean.member")),
                () -> assertEquals(OrgUsers.HOME, me.get("bean.corpId")),
                () -> assertEquals("admin,staff", me.get("bean.roles")),
                () -> assertEquals("true", me.get("inRole.admin")),
                () -> assertEquals("false", me.get("inRole.leads")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "zhangsan, admin staff",
        "lisi,     admin leads staff",
        "alice,    leads pm staff",
        "wangfang, sales staff",
    })
    void isUserInRoleFollowsTheConfiguredRules(String user, String expected) {
        Map<String, String> me = whoAmI(signedIn(user), "/whoami?roles=" + ROLES);

        List<String> granted = new ArrayList<>();
        for (String role : ROLES.split(",")) {
            if (Boolean.parseBoolean(me.get("inRole." + role))) {
                granted.add(role);
            }
        }
        assertEquals(List.of(expected.trim().split(" ")), granted.stream().sorted().toList());
    }

    /** outsider: not in the directory; zhouqi: another organization; contact and sunba: external contacts. */
    @ParameterizedTest
    @ValueSource(strings = {OrgUsers.OUTSIDER, "zhouqi", OrgUsers.CONTACT, "sunba"})
    void personOutsideTheOrganizationGets403AndNoPrincipalAndNothingStaysInTheSession(String user) {
        Browser browser = new Browser(war.base());
        SignIn.Started started = SignIn.start(browser, "/whoami");
        String sessionBefore = whoAmI(browser, PlainWar.PUBLIC_WHOAMI).get("session");
        String callback = SignIn.approve(browser, started, user);

        Browser.Response refused = browser.navigate(callback, "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8");

        Map<String, String> after = whoAmI(browser, PlainWar.PUBLIC_WHOAMI);
        assertAll(
                () -> assertEquals(403, refused.status(), refused.body()),
                () -> assertTrue(refused.body().contains("<html lang=\"zh-CN\">"), refused.body()),
                () -> assertTrue(refused.body().contains("此钉钉帐号不是本组织的成员"), refused.body()),
                () -> assertFalse(refused.body().contains("not a member"), "Chinese only: " + refused.body()),
                () -> assertTrue(refused.body().contains("错误代码： not_a_member"), refused.body()),
                () -> assertEquals("null", after.get("remoteUser")),
                () -> assertEquals(sessionBefore, after.get("session"), "the session holds what it held before"),
                () -> assertEquals(1, log.warnings().size(), log.warnings()::toString),
                () -> assertFalse(log.warnings().get(0).contains(OrgUsers.user(user).unionId())));
    }

    @Test
    void hundredConcurrentSignInsOnAColdCacheFetchTheAppTokenOnce() throws Exception {
        int logins = 100;
        Map<String, String> settings = fileSettings();
        settings.put("maxConcurrentCalls", Integer.toString(logins)); // all of them wait on DingTalk at once
        try (PlainWar cold = PlainWar.deploy(emulator, settings)) {
            // Everyone is at DingTalk's redirect back; then all callbacks arrive at once at a filter with no app token.
            List<Browser> browsers = new ArrayList<>();
            List<String> callbacks = new ArrayList<>();
            String[] members = {"zhangsan", "lisi", "alice", "wangfang"};
            for (int i = 0; i < logins; i++) {
                Browser browser = new Browser(cold.base());
                browsers.add(browser);
                callbacks.add(SignIn.approve(browser, SignIn.start(browser, "/whoami"), members[i % members.length]));
            }
            emulator.reset();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(logins);
            List<Future<Integer>> statuses = new ArrayList<>();
            try {
                for (int i = 0; i < logins; i++) {
                    Browser browser = browsers.get(i);
                    String callback = callbacks.get(i);
                    statuses.add(pool.submit(() -> {
                        go.await();
                        return SignIn.callback(browser, callback).status();
                    }));
                }
                go.countDown();
                for (Future<Integer> status : statuses) {
                    assertEquals(303, status.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            Stats stats = emulator.stats();
            assertEquals(1, stats.appTokenRequests(), "app token requests for " + logins + " sign-ins");
            assertEquals(logins, stats.unionIdLookups());
            assertEquals(logins, stats.employeeLookups());
        }
    }
}
