package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stand-in JS SDK and {@code topapi/v2/user/getuserinfo} (protocol §6.4), over HTTP. */
class InAppEndpointsTest extends AbstractEmulatorTest {
    private static final String USER_INFO = "/topapi/v2/user/getuserinfo";
    private static final Pattern BAKED_CODE = Pattern.compile("code = \"([^\"]*)\"");

    HttpResponse<String> script() throws IOException, InterruptedException {
        return get(emulator.jsapiUrl());
    }

    /** The in-app code the script hands out, as the page inside the client would get it. */
    String inAppCode() throws IOException, InterruptedException {
        HttpResponse<String> script = script();
        assertEquals(200, script.statusCode());
        Matcher m = BAKED_CODE.matcher(script.body());
        assertTrue(m.find(), script.body());
        return m.group(1);
    }

    HttpResponse<String> userInfo(String code) throws IOException, InterruptedException {
        return postOapi(USER_INFO, appToken(), "{\"code\":\"" + code + "\"}");
    }

    @Test
    void theScriptIsJavaScriptThatIsNeverCached() throws Exception {
        HttpResponse<String> script = script();
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("application/javascript"));
        assertEquals("no-store", script.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(script.body().contains("window.dd = {"));
        assertTrue(script.body().contains("window.dd.requestAuthCode = requestAuthCode"));
        assertTrue(script.body().contains(emulator.corpId()));
    }

    @Test
    void anInAppCodeNamesTheClientsUser() throws Exception {
        emulator.setClientUser("lisi");
        JsonObject result = oapiAnswer(userInfo(inAppCode())).getJsonObject("result");
        assertEquals(user("lisi").unionId(), result.getString("unionid"));
        assertEquals(user("lisi").membership().userId(), result.getString("userid"));
        assertTrue(result.containsKey("name") && result.containsKey("sys") && result.containsKey("sys_level"));
    }

    @Test
    void anInAppCodeWorksOnce() throws Exception {
        String code = inAppCode();
        oapiAnswer(userInfo(code));
        oapiError(userInfo(code), 40078);
    }

    @Test
    void anInAppCodeExpiresAfterFiveMinutes() throws Exception {
        String code = inAppCode();
        clock.advance(Duration.ofMinutes(5));
        oapiError(userInfo(code), 40078);
    }

    @Test
    void anInAppCodeIsGoodJustBeforeFiveMinutes() throws Exception {
        String code = inAppCode();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        oapiAnswer(userInfo(code));
    }

    @Test
    void aBrowserLoginCodeIsRefusedAsAnInAppCode() throws Exception {
        oapiError(userInfo(codeFor("zhangsan")), 40078);
    }

    @Test
    void anInAppCodeIsRefusedAtTheBrowserTokenEndpoint() throws Exception {
        assertEquals(400, exchange(inAppCode()).statusCode());
    }

    @Test
    void inAppAndBrowserCodesAreNeverTheSameStringUnderACodePrefix() throws Exception {
        restartWith(b -> b.codePrefix("CODE"));
        String browser = codeFor("zhangsan");
        String inApp = inAppCode();
        assertFalse(browser.equals(inApp), browser + " " + inApp);
        oapiError(userInfo(browser), 40078);
    }

    @Test
    void anUnknownCodeIs40078() throws Exception {
        oapiError(userInfo("nosuchcode"), 40078);
    }

    @Test
    void getUserInfoNeedsTheAppToken() throws Exception {
        String code = inAppCode();
        HttpResponse<String> answer = postOapi(USER_INFO, "not-a-token", "{\"code\":\"" + code + "\"}");
        assertEquals(200, answer.statusCode());
        assertEquals("40014", json(answer).getString("sub_code"));
        oapiAnswer(userInfo(code)); // the refused call did not use the code up
    }

    @Test
    void getUserInfoAcceptsAFormBody() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.oapiBaseUrl() + USER_INFO
                        + "?access_token=" + appToken()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + inAppCode())));
        assertEquals(user("zhangsan").unionId(), oapiAnswer(answer).getJsonObject("result").getString("unionid"));
    }

    @Test
    void nobodySignedIntoTheClientGetsNoCode() throws Exception {
        emulator.setClientUser(null);
        assertEquals("", inAppCode());
    }

    @Test
    void anUnknownClientUserIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> emulator.setClientUser("nobody"));
    }

    @Test
    void aMissingScriptIs404() throws Exception {
        emulator.setClientSdk(ClientSdk.SCRIPT_MISSING);
        assertEquals(404, script().statusCode());
    }

    @Test
    void anOldClientHasOnlyThePermissionApi() throws Exception {
        emulator.setClientSdk(ClientSdk.OLD_CLIENT);
        String body = script().body();
        assertTrue(body.contains("behaviour = \"OLD_CLIENT\""), body);
        assertTrue(body.contains("runtime: {permission: {requestAuthCode: requestAuthCode}}"));
    }

    @Test
    void resetBringsBackTheFirstUserAndAWorkingSdk() throws Exception {
        emulator.setClientSdk(ClientSdk.SCRIPT_MISSING);
        emulator.setClientUser("lisi");
        emulator.reset();
        assertTrue(script().body().contains("behaviour = \"ANSWERS_CODE\""));
        assertEquals(user("zhangsan").unionId(),
                oapiAnswer(userInfo(inAppCode())).getJsonObject("result").getString("unionid"));
    }

    @Test
    void codeExchangesAreCountedAndScriptLoadsAreRecorded() throws Exception {
        userInfo(inAppCode());
        assertEquals(1, emulator.stats().tokenRequests());
        assertEquals(1, emulator.requests(Endpoint.JSAPI).size());
        assertEquals(1, emulator.requests(Endpoint.IN_APP_USER_INFO).size());
    }
}
