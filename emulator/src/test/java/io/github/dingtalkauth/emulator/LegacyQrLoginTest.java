package io.github.dingtalkauth.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The legacy flow's QR login (protocol §1.6, last lines): {@code ddLogin.js}, the QR frame it embeds, a scan that
 * hands over a {@code loginTmpCode}, and {@code sns_authorize} trading that code once for the redirect back with
 * {@code code} and {@code state}; DingTalk's own {@code qrconnect} page as the QR page.
 */
class LegacyQrLoginTest extends AbstractEmulatorTest {
    private static final Pattern LOGIN_TMP_CODE = Pattern.compile("data-login-tmp-code=\"([^\"]+)\"");

    /** The {@code goto} an app hands DDLogin: its sns_authorize URL, with the app's parameters. */
    String gotoUrl(String state) {
        return emulator.oapiBaseUrl() + "/connect/oauth2/sns_authorize?"
                + query(LegacyEndpointsTest.legacyParams(state));
    }

    HttpResponse<String> frame(String gotoUrl) throws IOException, InterruptedException {
        return get(emulator.baseUrl() + "/login/qrcode.htm?goto="
                + URLEncoder.encode(gotoUrl, StandardCharsets.UTF_8));
    }

    HttpResponse<String> scan(HttpResponse<String> qrPage, String form) throws IOException, InterruptedException {
        Matcher frame = Pattern.compile("name=\"frame\" value=\"([01])\"").matcher(qrPage.body());
        assertTrue(frame.find(), qrPage.body());
        return send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/login/scan"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("ticket=" + ticketIn(qrPage) + "&frame=" + frame.group(1)
                        + "&" + form)));
    }

    /** Scans in the frame as {@code user} and returns the loginTmpCode the frame posts to the embedding page. */
    String scannedInFrame(String gotoUrl, String user) throws IOException, InterruptedException {
        HttpResponse<String> scanned = scan(frame(gotoUrl), "user=" + user);
        assertEquals(200, scanned.statusCode(), scanned.body());
        Matcher code = LOGIN_TMP_CODE.matcher(scanned.body());
        assertTrue(code.find(), scanned.body());
        return code.group(1);
    }

    @Test
    void theScriptFramesTheEmulatorsQrPage() throws Exception {
        HttpResponse<String> script = get(emulator.ddLoginScriptUrl());

        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(script.body().contains("window.DDLogin = function"), script.body());
        assertTrue(script.body().contains("\"" + emulator.baseUrl() + "/login/qrcode.htm?goto=\" + options.goto"),
                script.body());
    }

    @Test
    void aScanInTheFrameThenTheLoginTmpCodeUrlRedirectsWithCodeAndState() throws Exception {
        String gotoUrl = gotoUrl("st-qr");
        String loginTmpCode = scannedInFrame(gotoUrl, "zhangsan");

        HttpResponse<String> back = get(gotoUrl + "&loginTmpCode=" + loginTmpCode);

        assertEquals(302, back.statusCode(), back.body());
        Map<String, String> callback = queryOf(back.headers().firstValue("Location").orElseThrow());
        assertEquals(Map.of("code", callback.get("code"), "state", "st-qr"), callback);
        assertEquals(0, errcode(signedUserInfo(callback.get("code"))));
    }

    @Test
    void theFrameMayBeEmbeddedAndRunsOnlyTheEmulatorsRelayScript() throws Exception {
        HttpResponse<String> scanned = scan(frame(gotoUrl("st")), "user=lisi");
        String policy = scanned.headers().firstValue("Content-Security-Policy").orElseThrow();

        assertFalse(policy.contains("frame-ancestors"), policy);
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertTrue(scanned.body().contains("<script src=\"/login/relay.js\"></script>"), scanned.body());
        assertTrue(get(emulator.baseUrl() + "/login/relay.js").body().contains("window.parent.postMessage(code"));
    }

    @Test
    void aLoginTmpCodeWorksOnce() throws Exception {
        String gotoUrl = gotoUrl("st");
        String loginTmpCode = scannedInFrame(gotoUrl, "zhangsan");
        assertEquals(302, get(gotoUrl + "&loginTmpCode=" + loginTmpCode).statusCode());

        HttpResponse<String> again = get(gotoUrl + "&loginTmpCode=" + loginTmpCode);

        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("loginTmpCode is unknown, expired or already used"), again.body());
    }

    @Test
    void aLoginTmpCodeLapsesAfterTwoMinutes() throws Exception {
        String gotoUrl = gotoUrl("st");
        String loginTmpCode = scannedInFrame(gotoUrl, "zhangsan");
        clock.advance(Duration.ofMinutes(2).plusSeconds(1));

        assertEquals(400, get(gotoUrl + "&loginTmpCode=" + loginTmpCode).statusCode());
    }

    @Test
    void aMadeUpLoginTmpCodeIsRefusedWithoutARedirect() throws Exception {
        HttpResponse<String> answer = get(gotoUrl("st") + "&loginTmpCode=0123456789abcdef0123456789abcdef");

        assertEquals(400, answer.statusCode());
        assertTrue(answer.headers().firstValue("Location").isEmpty());
    }

    @Test
    void aFrameForAnUnregisteredRedirectUriIsAnErrorPage() throws Exception {
        String gotoUrl = gotoUrl("st").replace(URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8),
                URLEncoder.encode("https://evil.example/cb", StandardCharsets.UTF_8));

        HttpResponse<String> page = frame(gotoUrl);

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("redirect_uri is not registered"), page.body());
    }

    @Test
    void aFrameWhoseGotoIsNotALegacyLoginPageIsAnErrorPage() throws Exception {
        assertEquals(400, frame("https://evil.example/steal?appid=dingemulatorclient").statusCode());
    }

    @Test
    void theQrconnectPageIsAQrPageWhoseScanLeadsThroughSnsAuthorizeBackToTheApp() throws Exception {
        HttpResponse<String> page = get(emulator.legacyAuthorizeUrl() + "?"
                + query(LegacyEndpointsTest.legacyParams("st-page")));
        // No Accept-Language: the page is in English, the emulator's default.
        assertTrue(page.body().contains("Scan the QR code") && !page.body().contains("扫码登录"), page.body());

        HttpResponse<String> scanned = scan(page, "user=zhangsan");
        assertEquals(302, scanned.statusCode(), scanned.body());
        String snsAuthorize = scanned.headers().firstValue("Location").orElseThrow();
        assertTrue(snsAuthorize.startsWith(emulator.oapiBaseUrl() + "/connect/oauth2/sns_authorize?appid="),
                snsAuthorize);
        HttpResponse<String> back = get(snsAuthorize);

        assertEquals(302, back.statusCode(), back.body());
        Map<String, String> callback = queryOf(back.headers().firstValue("Location").orElseThrow());
        assertEquals("st-page", callback.get("state"));
        assertTrue(callback.containsKey("code"));
    }

    @Test
    void aScannedQrCodeCannotBeScannedAgain() throws Exception {
        HttpResponse<String> page = frame(gotoUrl("st"));
        assertEquals(200, scan(page, "user=zhangsan").statusCode());

        HttpResponse<String> again = scan(page, "user=lisi");

        assertEquals(400, again.statusCode());
        assertFalse(LOGIN_TMP_CODE.matcher(again.body()).find());
    }
}
