package io.github.dingtalkauth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dingtalkauth.emulator.DingTalkEmulator;
import io.github.dingtalkauth.sample.SampleServer;
import io.github.dingtalkauth.testing.Browser;
import io.github.dingtalkauth.testing.Closing;
import io.github.dingtalkauth.testing.Query;
import io.github.dingtalkauth.testing.SignIn;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signing in through the filter with {@code flow=legacy} by the legacy QR code, over plain HTTP: as a page that embeds
 * {@code ddLogin.js} (the frame, a scan, the {@code loginTmpCode} URL the page navigates to) and on DingTalk's own
 * {@code qrconnect} page. The "browser" does what the script and the page would; the emulator plays DingTalk.
 */
class LegacyQrSignInTest {
    private static final Pattern TICKET = Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"");
    private static final Pattern LOGIN_TMP_CODE = Pattern.compile("data-login-tmp-code=\"([^\"]+)\"");
    private static final Pattern FRAME_SRC = Pattern.compile("\"(http[^\"]+/login/qrcode\\.htm)\\?goto=\"");

    private static DingTalkEmulator emulator;
    private static SampleServer server;

    @BeforeAll
    static void start() throws Exception {
        emulator = DingTalkEmulator.builder().port(0).start();
        try {
            server = SampleServer.builder().port(0).emulator(emulator).setting("flow", "legacy")
                    .setting("principalName", "openId").start();
        } catch (Exception | Error e) {
            emulator.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(server, emulator);
    }

    /** The page's {@code goto}: the login the filter started, addressed to sns_authorize as DDLogin expects. */
    private static String gotoFor(SignIn.Started started) {
        URI authorize = URI.create(started.authorizeUrl());
        return emulator.oapiBaseUrl() + "/connect/oauth2/sns_authorize?" + authorize.getRawQuery();
    }

    private static String scan(Browser browser, String qrPageUrl, String user, String frame) {
        Browser.Response page = browser.navigate(qrPageUrl);
        assertEquals(200, page.status(), page.body());
        Matcher ticket = TICKET.matcher(page.body());
        assertTrue(ticket.find(), page.body());
        Browser.Response scanned = browser.postForm(emulator.baseUrl() + "/login/scan",
                "ticket=" + Query.encode(ticket.group(1)) + "&frame=" + frame + "&user=" + user);
        if (frame.equals("1")) {
            Matcher code = LOGIN_TMP_CODE.matcher(scanned.body());
            assertTrue(code.find(), scanned.body());
            return code.group(1);
        }
        assertEquals(302, scanned.status(), scanned.body());
        return scanned.location();
    }

    private static void assertSignedInAs(Browser browser, Browser.Response callback, String user) {
        assertEquals(303, callback.status(), callback.body());
        String me = browser.get("/api/me", "Accept", "application/json").body();
        String openId = emulator.users().stream().filter(u -> u.key().equals(user)).findFirst().orElseThrow()
                .legacyOpenIdOrOpenId();
        assertEquals(openId, SignInScenarios.json(me).getString("name"), me);
    }

    @Test
    void aPageEmbeddingDdLoginSignsInWithTheScansLoginTmpCode() {
        Browser browser = new Browser(server.baseUri());
        SignIn.Started started = SignIn.start(browser, "/me");
        String gotoUrl = gotoFor(started);
        Matcher frame = FRAME_SRC.matcher(browser.get(emulator.ddLoginScriptUrl()).body());
        assertTrue(frame.find(), "ddLogin.js frames the QR page");

        String loginTmpCode = scan(browser, frame.group(1) + "?goto=" + Query.encode(gotoUrl), "zhangsan", "1");
        Browser.Response back = browser.navigate(gotoUrl + "&loginTmpCode=" + loginTmpCode);

        assertEquals(302, back.status(), back.body());
        assertEquals(started.state(), back.locationParameter("state"));
        assertSignedInAs(browser, SignIn.callback(browser, back.location()), "zhangsan");
    }

    @Test
    void theQrconnectPageSignsInThroughSnsAuthorize() {
        Browser browser = new Browser(server.baseUri());
        SignIn.Started started = SignIn.start(browser, "/me");

        String snsAuthorize = scan(browser, started.authorizeUrl(), "lisi", "0");
        Browser.Response back = browser.navigate(snsAuthorize);

        assertEquals(302, back.status(), back.body());
        assertSignedInAs(browser, SignIn.callback(browser, back.location()), "lisi");
    }
}
