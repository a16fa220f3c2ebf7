package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The legacy flow's pages and its signed {@code sns/getuserinfo_bycode}, over HTTP (protocol §2). */
class LegacyEndpointsTest extends AbstractEmulatorTest {

    static Map<String, String> legacyParams(String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appid", "dingemulatorclient");
        params.put("response_type", "code");
        params.put("scope", "snsapi_login");
        params.put("state", state);
        params.put("redirect_uri", CALLBACK);
        return params;
    }

    /** Approves on the legacy page at {@code path} and returns the callback URL. */
    String legacyApprove(String path, String userKey) throws IOException, InterruptedException {
        HttpResponse<String> page = get(emulator.oapiBaseUrl() + path + "?" + query(legacyParams("st-9")));
        HttpResponse<String> answer = submitConsent("ticket=" + ticketIn(page) + "&user=" + userKey);
        assertEquals(302, answer.statusCode(), answer.body());
        return answer.headers().firstValue("Location").orElseThrow();
    }

    String legacyCode(String userKey) throws IOException, InterruptedException {
        return queryOf(legacyApprove("/connect/qrconnect", userKey)).get("code");
    }

    @Test
    void theQrPageReturnsOnlyCodeAndState() throws Exception {
        Map<String, String> callback = queryOf(legacyApprove("/connect/qrconnect", "zhangsan"));
        assertEquals(Map.of("code", callback.get("code"), "state", "st-9"), callback);
    }

    @Test
    void theAccountPageWorksLikeTheQrPage() throws Exception {
        String code = queryOf(legacyApprove("/connect/oauth2/sns_authorize", "lisi")).get("code");
        assertEquals(0, errcode(signedUserInfo(code)));
    }

    @Test
    void aWrongScopeOnTheLegacyPageIsAnErrorPageNotARedirect() throws Exception {
        Map<String, String> params = legacyParams("s");
        params.put("scope", "openid");
        HttpResponse<String> page = get(emulator.legacyAuthorizeUrl() + "?" + query(params));
        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("scope must be snsapi_login"), page.body());
    }

    @Test
    void aSignedRequestAnswersTheLegacyIdentity() throws Exception {
        JsonObject answer = oapiAnswer(signedUserInfo(legacyCode("zhangsan")));
        assertEquals(0, answer.getInt("errcode"));
        JsonObject info = answer.getJsonObject("user_info");
        EmulatorUser zhangsan = user("zhangsan");
        assertEquals(zhangsan.unionId(), info.getString("unionid"));
        assertEquals(zhangsan.legacyOpenId(), info.getString("openid"));
        assertNotEquals(zhangsan.openId(), info.getString("openid"));
        assertEquals("张三", info.getString("nick"));
        assertTrue(info.getBoolean("main_org_auth_high_level"));
    }

    @Test
    void aUserWithoutALegacyOpenIdAnswersTheirOpenId() throws Exception {
        JsonObject info = oapiAnswer(signedUserInfo(legacyCode("lisi"))).getJsonObject("user_info");
        assertEquals(user("lisi").openId(), info.getString("openid"));
    }

    @Test
    void aWrongAccessKeyIs853003() throws Exception {
        assertEquals(853003, errcode(userInfo("someoneelse", "emulator-secret", clock.millis(), legacyCode("lisi"))));
    }

    @Test
    void aSignatureWithTheWrongSecretIs853004() throws Exception {
        assertEquals(853004, errcode(userInfo("dingemulatorclient", "wrong-secret", clock.millis(),
                legacyCode("lisi"))));
    }

    @Test
    void aSignatureWhosePlusWasNotEncodedIs853004() throws Exception {
        long timestamp = clock.millis();
        while (!LegacyUserInfoHandler.sign("emulator-secret", Long.toString(timestamp)).contains("+")) {
            timestamp++;
        }
        String raw = LegacyUserInfoHandler.sign("emulator-secret", Long.toString(timestamp));
        assertEquals(853004, errcode(userInfoRaw("accessKey=dingemulatorclient&timestamp=" + timestamp
                + "&signature=" + raw, legacyCode("lisi"))));
    }

    @Test
    void aTimestampMoreThanAMinuteOffIs853002() throws Exception {
        String code = legacyCode("lisi");
        assertEquals(853002, errcode(userInfo("dingemulatorclient", "emulator-secret",
                clock.millis() - 61_000, code)));
        assertEquals(0, errcode(userInfo("dingemulatorclient", "emulator-secret", clock.millis() - 59_000, code)),
                "a refused call leaves the code unused");
    }

    @Test
    void theClockSkewSwitchMakesACorrectTimestampStale() throws Exception {
        String code = legacyCode("lisi");
        emulator.setClockSkew(Duration.ofMinutes(2));
        assertEquals(853002, errcode(signedUserInfo(code)));
        emulator.reset();
        assertEquals(0, errcode(signedUserInfo(code)));
    }

    @Test
    void aCodeWorksOnce() throws Exception {
        String code = legacyCode("lisi");
        assertEquals(0, errcode(signedUserInfo(code)));
        assertEquals(40078, errcode(signedUserInfo(code)));
    }

    @Test
    void anUnknownCodeIs40078() throws Exception {
        assertEquals(40078, errcode(signedUserInfo("nosuchcode")));
    }

    @Test
    void anExpiredCodeIs40102() throws Exception {
        String code = legacyCode("lisi");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(40102, errcode(signedUserInfo(code)));
    }

    @Test
    void aNewFlowCodeIsUnknownToTheLegacyCall() throws Exception {
        assertEquals(40078, errcode(signedUserInfo(codeFor("lisi"))));
    }

    @Test
    void aLegacyCodeIsRefusedByTheNewTokenEndpoint() throws Exception {
        assertNotEquals(200, exchange(legacyCode("lisi")).statusCode());
    }

    @Test
    void approvingWithoutABrowserWorksForTheLegacyPage() {
        String callback = emulator.approve(emulator.legacyAuthorizeUrl() + "?" + query(legacyParams("x")), "alice");
        assertFalse(queryOf(callback).containsKey("authCode"));
        assertEquals("x", queryOf(callback).get("state"));
    }
}
