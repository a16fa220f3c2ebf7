package io.github.dingtalkauth.emulator;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The stand-in for DingTalk's embedded QR login: its script, its frame, and a scan that mints a real code. */
class QrLoginStandInTest extends AbstractEmulatorTest {
    private static final Pattern DATA = Pattern.compile("data-([a-z-]+)=\"([^\"]*)\"");

    private HttpResponse<String> frame(Map<String, String> options) throws IOException, InterruptedException {
        return get(emulator.baseUrl() + FrameLogin.FRAME_PATH + "?" + query(options));
    }

    private HttpResponse<String> scan(String ticket, String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + FrameLogin.SCAN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("ticket=" + ticket + "&user=" + user)));
    }

    private static Map<String, String> data(String body) {
        Map<String, String> values = new java.util.HashMap<>();
        Matcher m = DATA.matcher(body);
        while (m.find()) {
            values.put(m.group(1), m.group(2).replace("&amp;", "&"));
        }
        return values;
    }

    @Test
    void theScriptDefinesDtFrameLoginAndIsServedAsJavaScript() throws Exception {
        HttpResponse<String> script = get(emulator.qrLoginScriptUrl());
        assertAll(() -> assertEquals(200, script.statusCode()),
                () -> assertTrue(script.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/javascript")),
                () -> assertTrue(script.body().contains("window.DTFrameLogin = function"), script.body()),
                () -> assertTrue(script.body().contains("event.origin !== origin"), "checks the message origin"),
                () -> assertTrue(emulator.qrLoginScriptUrl().startsWith(emulator.baseUrl() + "/")));
    }

    @Test
    void theFrameShowsAScanButtonPerUserAndMayBeFramedByTheCallbacksOriginOnly() throws Exception {
        HttpResponse<String> page = frame(authorizeParams(CALLBACK, "openid", "st-1"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertAll(() -> assertEquals(200, page.statusCode(), page.body()),
                () -> assertTrue(policy.endsWith("frame-ancestors http://localhost:8080"), policy),
                () -> assertTrue(policy.contains("form-action 'self'"), policy),
                () -> assertTrue(page.body().contains("<button name=\"user\" value=\"alice\">"), page.body()),
                () -> assertTrue(page.body().contains("<svg"), "a fake QR code"));
    }

    @Test
    void aScanMintsARedeemableCodeAndPostsItToTheCallbacksOriginWithTheState() throws Exception {
        String ticket = ticketIn(frame(authorizeParams(CALLBACK, "openid", "st-1")));
        HttpResponse<String> scanned = scan(ticket, "alice");
        Map<String, String> data = data(scanned.body());
        Map<String, String> callback = queryOf(data.get("redirect-url"));
        HttpResponse<String> token = exchange(data.get("auth-code"));
        assertAll(() -> assertEquals(200, scanned.statusCode(), scanned.body()),
                () -> assertTrue(data.get("redirect-url").startsWith(CALLBACK + "?"), data::toString),
                () -> assertEquals("st-1", data.get("state")),
                () -> assertEquals("st-1", callback.get("state")),
                () -> assertEquals(data.get("auth-code"), callback.get("authCode")),
                () -> assertEquals("http://localhost:8080", data.get("target-origin")),
                () -> assertTrue(scanned.headers().firstValue("Content-Security-Policy").orElse("")
                        .contains("script-src 'nonce-"), "the posting script runs under a nonce"),
                () -> assertEquals(200, token.statusCode(), token.body()),
                () -> assertEquals(1, emulator.stats().approvals()));
    }

    @Test
    void aQrCodeScansOnce() throws Exception {
        String ticket = ticketIn(frame(authorizeParams(CALLBACK, "openid", "s")));
        assertEquals(200, scan(ticket, "alice").statusCode());
        HttpResponse<String> again = scan(ticket, "zhangsan");
        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("already scanned"), again.body());
    }

    @Test
    void anUnregisteredRedirectUriGetsNoFrame() throws Exception {
        HttpResponse<String> page = frame(authorizeParams("http://localhost:9999/elsewhere", "openid", "s"));
        assertEquals(400, page.statusCode());
        assertFalse(page.body().contains("name=\"ticket\""), page.body());
    }

    @Test
    void aMissingClientIdIsAnInvalidRequest() throws Exception {
        Map<String, String> options = authorizeParams(CALLBACK, "openid", "s");
        options.remove("client_id");
        HttpResponse<String> page = frame(options);
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("client_id is missing"), page.body());
    }

    @Test
    void theCorpidScopeWithoutOrgTypeAndCorpIdIsAnInvalidRequest() throws Exception {
        HttpResponse<String> without = frame(authorizeParams(CALLBACK, "openid corpid", "s"));
        Map<String, String> complete = authorizeParams(CALLBACK, "openid corpid", "s");
        complete.put("org_type", "management");
        complete.put("corpId", emulator.corpId());
        assertAll(() -> assertEquals(400, without.statusCode()),
                () -> assertTrue(without.body().contains("invalidRequestMessage"), without.body()),
                () -> assertEquals(200, frame(complete).statusCode()));
    }
}
