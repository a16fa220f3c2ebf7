package io.github.dingtalkauth.tomcat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.ClientSdk;
import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.emulator.Endpoint;
import io.github.dingtalkauth.inapp.ClientBrowser;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Chromium;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.FilterLog;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's "done when" for the in-app sign-in, on a stock Tomcat 10.1 with a plain WAR whose filter is configured
 * by {@code web.xml} (and the properties file its init-param names): a headless Chromium announcing itself as
 * DingTalk's client signs in on a protected page with no click; with a failing SDK it falls back once and signs in on
 * the consent page; an outsider is refused; a POST without the page's one-time token, with a wrong one or a used one
 * is refused before DingTalk is called.
 */
public class PlainWarInAppTest {
    static final Pattern TOKEN = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

    private static DingTalkEmulator emulator;
    private static PlainWar war;
    private static FilterLog log;

    @BeforeAll
    static void deploy() throws Exception {
        log = FilterLog.start();
        emulator = DingTalkEmulator.builder().codePrefix("CANARY-CODE-").start();
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
        file.put("inAppLogin", "true");
        file.put("jsapiUrl", emulator.jsapiUrl());
        file.put("inAppTimeout", "3s");
        return file;
    }

    @AfterAll
    static void undeploy() throws Exception {
        Closing.all(war, emulator, log);
        List<String> withCode = log.all().stream().filter(l -> l.contains("CANARY-CODE-")).toList();
        assertEquals(List.of(), withCode, "log lines with a code");
    }

    @BeforeEach
    void forget() {
        emulator.reset();
        log.clear();
    }

    static URI page(String path) {
        return URI.create(war.base() + path);
    }

    int requestsTo(Endpoint endpoint) {
        return emulator.requests(endpoint).size();
    }

    String remoteUserLine(String key) {
        return "remoteUser=" + emulator.users().stream().filter(u -> u.key().equals(key)).findFirst()
                .orElseThrow().unionId();
    }

    @Test
    void theClientSignsInOnAProtectedPageWithNoClick() {
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            client.open(page("/whoami"));
            client.waitForText(remoteUserLine("zhangsan"));
            client.open(page(PlainWar.PRIVATE_PAGE));
            client.waitForText(PlainWar.PRIVATE_MARKER);
            assertAll(
                    () -> assertEquals(0, requestsTo(Endpoint.AUTHORIZE), "no consent page"),
                    () -> assertEquals(1, requestsTo(Endpoint.IN_APP_USER_INFO), "one in-app code, once"),
                    () -> assertEquals(List.of(), client.cspReports()));
        }
    }

    @Test
    void withAFailingSdkTheClientFallsBackOnceAndSignsIn() {
        emulator.setClientSdk(ClientSdk.JSAPI_ERROR);
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            client.open(page("/whoami"));
            client.approveAs("zhangsan");
            client.waitForText(remoteUserLine("zhangsan"));
            assertAll(
                    () -> assertEquals(page("/whoami").toString(), client.url()),
                    () -> assertEquals(1, requestsTo(Endpoint.JSAPI), "the in-app page was shown once"),
                    () -> assertEquals(1, requestsTo(Endpoint.AUTHORIZE), "one fallback"),
                    () -> assertEquals(0, requestsTo(Endpoint.IN_APP_USER_INFO)),
                    () -> assertEquals(List.of(), client.cspReports()));
        }
    }

    @Test
    void anOutsiderInTheClientIsRefused() {
        emulator.setClientUser("zhouqi");
        try (ClientBrowser client = ClientBrowser.start(emulator)) {
            client.open(page("/whoami"));
            client.waitForText("not_a_member");
            assertEquals(0, requestsTo(Endpoint.AUTHORIZE), "a refusal, not a fallback");
        }
    }

    /** The in-app page as the client gets it, and its token. */
    static String openInClient(Browser browser) {
        Browser.Response bootstrap = browser.navigate("/whoami", "User-Agent", Chromium.DINGTALK_USER_AGENT);
        assertEquals(200, bootstrap.status(), bootstrap.body());
        Matcher token = TOKEN.matcher(bootstrap.body());
        assertTrue(token.find(), bootstrap.body());
        return token.group(1);
    }

    Browser.Response post(Browser browser, String form) {
        return browser.postForm("/dingtalk/inapp", form, "User-Agent", Chromium.DINGTALK_USER_AGENT);
    }

    void assertRefusedBeforeDingTalk(Browser.Response answer) {
        assertAll(
                () -> assertEquals(403, answer.status(), answer.body()),
                () -> assertTrue(answer.body().contains("in_app_token_invalid"), answer.body()),
                () -> assertEquals(0, requestsTo(Endpoint.IN_APP_USER_INFO), "DingTalk was not called"),
                () -> assertEquals(1, log.warnings().size(), log.warnings()::toString));
    }

    @Test
    void aPostWithoutTheTokenIsRefusedBeforeDingTalkIsCalled() {
        Browser browser = new Browser(war.base());
        openInClient(browser);
        assertRefusedBeforeDingTalk(post(browser, "code=" + emulator.inAppCode("zhangsan")));
    }

    @Test
    void aPostWithAnotherPagesTokenIsRefusedBeforeDingTalkIsCalled() {
        String theirs = openInClient(new Browser(war.base()));
        Browser browser = new Browser(war.base());
        openInClient(browser);
        assertRefusedBeforeDingTalk(post(browser, "state=" + theirs + "&code=" + emulator.inAppCode("zhangsan")));
    }

    @Test
    void aReplayedCodeIsRefusedByDingTalkAndFallsBackToTheOrdinaryLogin() {
        String code = emulator.inAppCode("zhangsan");
        Browser first = new Browser(war.base());
        assertEquals(303, post(first, "state=" + openInClient(first) + "&code=" + code).status());
        Browser second = new Browser(war.base());
        Browser.Response replay = post(second, "state=" + openInClient(second) + "&code=" + code);
        assertAll(
                () -> assertEquals(303, replay.status(), replay.body()),
                () -> assertEquals(PlainWar.CONTEXT_PATH + "/dingtalk/login?returnTo=%2Fwhoami", replay.location()),
                () -> assertEquals(2, requestsTo(Endpoint.IN_APP_USER_INFO)),
                () -> assertEquals(null, second.cookie("JSESSIONID"), "nobody signed in"));
    }

    @Test
    void aUsedTokenIsRefusedBeforeDingTalkIsCalledAgain() {
        Browser browser = new Browser(war.base());
        String token = openInClient(browser);
        Browser replay = new Browser(war.base());
        replay.copyCookiesFrom(browser);
        assertEquals(303, post(browser, "state=" + token + "&code=" + emulator.inAppCode("zhangsan")).status());
        emulator.reset();
        log.clear();
        assertRefusedBeforeDingTalk(post(replay, "state=" + token + "&code=" + emulator.inAppCode("zhangsan")));
    }
}
