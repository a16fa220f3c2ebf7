package io.github.dingtalkauth.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.EmulatorUser;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.emulator.Fault;
import io.github.dingtalkauth.emulator.RecordedRequest;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.FilterLog;
import io.github.dingtalkauth.testing.SignIn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's "done when", for the legacy flow: a plain WAR on a stock Tomcat 10.1 whose filter has {@code flow=legacy}
 * and {@code principalName=openId} in {@code web.xml} init-params and nowhere else (no {@code authorizeUrl}: it
 * defaults to the legacy QR page on the oapi host). A user signs in through the emulator's legacy endpoints, which
 * check the signature and timestamp as DingTalk documents them; the legacy {@code openid} (GitLab's {@code uid}) is
 * {@code getOpenId()} and {@code getRemoteUser()}; an {@code errcode} answer inside HTTP 200 gives a clean error page.
 */
public class PlainWarLegacySignInTest {
    private static DingTalkEmulator emulator;
    private static PlainWar war;
    private static FilterLog log;

    @BeforeAll
    static void deploy() throws Exception {
        log = FilterLog.start();
        emulator = DingTalkEmulator.builder().port(0).start();
        try {
            war = PlainWar.deploy(emulator, Map.of(), Map.of("flow", "legacy", "principalName", "openId",
                    "oapiBaseUrl", emulator.oapiBaseUrl(), "authorizeUrl", ""));
        } catch (Exception | Error e) {
            Closing.all(emulator, log);
            throw e;
        }
    }

    @AfterAll
    static void undeploy() throws Exception {
        Closing.all(war, emulator, log);
    }

    @AfterEach
    void clearFaults() {
        emulator.clearFaults();
        log.clear();
    }

    private static EmulatorUser user(String key) {
        return emulator.users().stream().filter(u -> u.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void aLoginGoesToTheLegacyQrPageOnTheOapiHost() {
        SignIn.Started started = SignIn.start(new Browser(war.base()), "/whoami");

        assertTrue(started.authorizeUrl().startsWith(emulator.oapiBaseUrl() + "/connect/qrconnect?appid="),
                started.authorizeUrl());
    }

    @Test
    void theLegacyOpenIdIsGetOpenIdAndTheRemoteUser() {
        EmulatorUser zhangsan = user("zhangsan");
        assertNotEquals(zhangsan.openId(), zhangsan.legacyOpenIdOrOpenId(), "the fixture tells the two apart");
        Browser browser = SignIn.signedIn(war.base(), "/whoami", "zhangsan");

        Map<String, String> who = PlainWar.lines(browser.navigate("/whoami").body());

        assertEquals(zhangsan.legacyOpenIdOrOpenId(), who.get("remoteUser"));
        assertEquals(zhangsan.legacyOpenIdOrOpenId(), who.get("bean.openId"));
        assertEquals(zhangsan.unionId(), who.get("bean.unionId"));
    }

    @Test
    void theCodeIsRedeemedOnceAtTheSignedLegacyEndpointAndNeverAtTheNewOne() {
        int before = emulator.requests(Endpoint.LEGACY_USER_INFO).size();
        SignIn.signedIn(war.base(), "/whoami", "lisi");

        List<RecordedRequest> calls = emulator.requests(Endpoint.LEGACY_USER_INFO);
        assertEquals(before + 1, calls.size());
        assertTrue(calls.get(calls.size() - 1).query().contains("&signature="), calls.get(calls.size() - 1).query());
        assertEquals(List.of(), emulator.requests(Endpoint.TOKEN));
        assertEquals(List.of(), emulator.requests(Endpoint.PROFILE));
    }

    @Test
    void anErrcodeAnswerInsideHttp200GivesACleanErrorPage() {
        emulator.setFaultOnce(Endpoint.LEGACY_USER_INFO, Fault.oapiError(40078, "不存在的临时授权码"));
        Browser browser = new Browser(war.base());

        Browser.Response page = SignIn.signIn(browser, "/whoami", "zhangsan");

        assertEquals(502, page.status(), page.body());
        assertTrue(page.header("content-type").startsWith("text/html"), page.header("content-type"));
        assertTrue(page.body().contains("provider_error"), page.body());
        assertFalse(page.body().toLowerCase().contains("exception"), page.body());
        assertEquals(1, log.warnings().size(), log.warnings()::toString);
        assertTrue(log.warnings().get(0).contains("reason=provider_error"), log.warnings()::toString);
        assertEquals("null", PlainWar.lines(browser.navigate("/public/whoami").body()).get("remoteUser"));
    }
}
