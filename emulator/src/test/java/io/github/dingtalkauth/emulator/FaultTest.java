package io.github.dingtalkauth.emulator;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultTest extends AbstractEmulatorTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void setFaultOnceAppliesToTheNextRequestOnly() throws Exception {
        String token = accessTokenFor("alice");
        emulator.setFaultOnce(Endpoint.PROFILE, Fault.dingTalkError(503, "ServiceUnavailable", "busy"));

        assertEquals("ServiceUnavailable", dingTalkError(profile(token), 503));
        assertEquals(200, profile(token).statusCode());
    }

    @Test
    void setFaultAppliesUntilCleared() throws Exception {
        String token = accessTokenFor("alice");
        emulator.setFault(Endpoint.PROFILE, Fault.html500());

        assertEquals(500, profile(token).statusCode());
        HttpResponse<String> again = profile(token);
        assertEquals(500, again.statusCode());
        assertTrue(again.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));

        emulator.clearFaults();
        assertEquals(200, profile(token).statusCode());
    }

    @Test
    void oneShotFaultGoesBeforeAStandingOne() throws Exception {
        String token = accessTokenFor("alice");
        emulator.setFault(Endpoint.PROFILE, Fault.html500());
        emulator.setFaultOnce(Endpoint.PROFILE, Fault.qpsLimited());

        assertEquals(403, profile(token).statusCode());
        assertEquals(500, profile(token).statusCode());
    }

    @Test
    void faultedTokenRequestIsCountedAndLeavesTheCodeRedeemable() throws Exception {
        String code = codeFor("alice");
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.qpsLimited());

        assertEquals("Forbidden.AccessDenied.QpsLimitForApi", dingTalkError(exchange(code), 403));
        assertEquals(1, emulator.stats().tokenRequests());
        assertEquals(0, emulator.stats().tokenSuccesses());

        assertEquals(200, exchange(code).statusCode());
    }

    @Test
    void delayAnswersNormallyAndRedeemsTheCode() throws Exception {
        String code = codeFor("alice");
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.delay(Duration.ofMillis(20)));

        assertEquals(200, exchange(code).statusCode());
        assertEquals("invalidCode", dingTalkError(exchange(code), 400));
    }

    @Test
    void slowHeadersRedeemsTheCodeBeforeTheLateAnswer() throws Exception {
        String code = codeFor("alice");
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.slowHeaders(Duration.ofSeconds(30)));

        assertThrows(HttpTimeoutException.class, () -> HTTP.send(
                tokenPost(code).timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString()));
        awaitTokenSuccesses(1);

        assertEquals("invalidCode", dingTalkError(exchange(code), 400));
    }

    @Test
    void closeConnectionMakesTheClientSeeAnIOException() throws Exception {
        String code = codeFor("alice");
        emulator.setFault(Endpoint.TOKEN, Fault.closeConnection());

        IOException failure = assertThrows(IOException.class, () -> exchange(code));

        assertFalse(failure instanceof HttpTimeoutException, failure.toString());
        assertEquals(1, emulator.stats().tokenRequests());
        emulator.clearFaults();
        assertEquals(200, exchange(code).statusCode());
    }

    @Test
    void hugeBodyHasExactlyTheRequestedSize() throws Exception {
        emulator.setFault(Endpoint.TOKEN, Fault.hugeBody(10 * MIB));

        HttpResponse<byte[]> answer = HTTP.send(tokenPost(codeFor("alice")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, answer.statusCode());
        assertEquals(10 * MIB, answer.body().length);
        assertEquals(String.valueOf(10 * MIB), answer.headers().firstValue("Content-Length").orElse(""));
        JsonObject parsed = parse(new String(answer.body(), StandardCharsets.UTF_8));
        assertTrue(parsed.containsKey("accessToken"));
    }

    @Test
    void redirectAnswersWithTheLocationAndLeavesTheCodeRedeemable() throws Exception {
        String code = codeFor("alice");
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.redirect(307, "http://127.0.0.1:9/steal"));

        HttpResponse<String> answer = exchange(code);

        assertEquals(307, answer.statusCode());
        assertEquals("http://127.0.0.1:9/steal", answer.headers().firstValue("Location").orElse(""));
        assertEquals(200, exchange(code).statusCode());
    }

    @Test
    void statusAnswersExactlyAsGiven() throws Exception {
        emulator.setFaultOnce(Endpoint.PROFILE, Fault.status(429, "text/plain", "slow down"));

        HttpResponse<String> answer = profile("anything");

        assertEquals(429, answer.statusCode());
        assertEquals("text/plain", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals("slow down", answer.body());
    }

    @Test
    void ipBlockedAnswersWithStatus1111AndAWait() throws Exception {
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.ipBlocked());

        JsonObject body = json(exchange(codeFor("alice")));

        assertEquals(1111, body.getInt("status"));
        assertEquals(5, body.getInt("wait"));
        assertFalse(body.containsKey("accessToken"));
    }

    @Test
    void truncatedJsonIsNotParseableAndCarriesTheCanaryPrefix() throws Exception {
        restartWith(b -> b.tokenPrefix("CANARY-AT-"));
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.truncatedJson());

        HttpResponse<String> answer = exchange(codeFor("alice"));

        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().startsWith("{\"accessToken\":\"CANARY-AT-"), answer.body());
        assertThrows(JsonException.class, () -> parse(answer.body()));
    }

    @Test
    void deeplyNestedHasTheRequestedDepth() throws Exception {
        emulator.setFaultOnce(Endpoint.PROFILE, Fault.deeplyNested(4));

        assertEquals("{\"a\":{\"a\":{\"a\":{}}}}", profile("anything").body());
    }

    @Test
    void wrongTypesSendsANumericAccessToken() throws Exception {
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.wrongTypes());

        JsonObject body = json(exchange(codeFor("alice")));

        assertEquals(12345, body.getInt("accessToken"));
    }

    @Test
    void wrongTypesSendsANumericUnionId() throws Exception {
        emulator.setFaultOnce(Endpoint.PROFILE, Fault.wrongTypes());

        assertEquals(12345, json(profile(accessTokenFor("alice"))).getInt("unionId"));
    }

    @Test
    void missingUnionIdLeavesOutOnlyTheUnionId() throws Exception {
        String token = accessTokenFor("alice");
        emulator.setFaultOnce(Endpoint.PROFILE, Fault.missingUnionId());

        JsonObject me = json(profile(token));

        assertFalse(me.containsKey("unionId"));
        assertEquals("Alice Chen", me.getString("nick"));
        assertTrue(me.containsKey("openId"));
    }

    @Test
    void accessTokenValueIsSentExactlyAndLeavesTheCodeRedeemable() throws Exception {
        String code = codeFor("alice");
        String raw = "CANARY-AT-x\r\nX-Injected: yes";
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.accessTokenValue(raw));

        assertEquals(raw, json(exchange(code)).getString("accessToken"));
        assertEquals(200, exchange(code).statusCode());
    }

    @Test
    void accessTokenValueIsHonouredForTheCodesUser() throws Exception {
        emulator.setFaultOnce(Endpoint.TOKEN, Fault.accessTokenValue("odd.but~legal_token"));
        String token = json(exchange(codeFor("wangfang"))).getString("accessToken");

        assertEquals("Wang Fang", json(profile(token)).getString("nick"));
    }

    @Test
    void profileBodyIsSentVerbatim() throws Exception {
        String body = "{\"unionId\":\"victim\",\"unionId\":\"attacker\"}";
        emulator.setFaultOnce(Endpoint.PROFILE, Fault.profileBody(body));

        HttpResponse<String> answer = profile(accessTokenFor("alice"));

        assertEquals(200, answer.statusCode());
        assertEquals(body, answer.body());
    }

    @Test
    void dripBodySendsHeadersAtOnceAndTheBodyByteByByte() throws Exception {
        String token = accessTokenFor("alice");
        emulator.setFault(Endpoint.PROFILE, Fault.dripBody(Duration.ofMillis(50)));

        HttpResponse<InputStream> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create(emulator.apiBaseUrl() + "/v1.0/contact/users/me"))
                .header("x-acs-dingtalk-access-token", token).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, answer.statusCode());
        assertEquals("application/json;charset=utf-8", answer.headers().firstValue("Content-Type").orElse(""));
        assertTrue(Long.parseLong(answer.headers().firstValue("Content-Length").orElse("0")) > 100);
        try (InputStream body = answer.body()) {
            assertEquals('{', body.read());
        }
    }

    @Test
    void closeCutsAnOngoingDripShort() throws Exception {
        emulator.setFault(Endpoint.PROFILE, Fault.dripBody(Duration.ofSeconds(1)));
        HttpResponse<InputStream> answer = HTTP.send(HttpRequest.newBuilder(
                        URI.create(emulator.apiBaseUrl() + "/v1.0/contact/users/me")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Instant start = Instant.now();

        emulator.close();

        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0);
        try (InputStream body = answer.body()) {
            assertThrows(IOException.class, body::readAllBytes);
        }
    }

    @Test
    void authorizeEndpointCanAnswerWithAStatus() throws Exception {
        emulator.setFaultOnce(Endpoint.AUTHORIZE, Fault.status(503, "text/plain", "maintenance"));

        HttpResponse<String> answer = authorize(authorizeQuery("openid", "s"));

        assertEquals(503, answer.statusCode());
        assertEquals("maintenance", answer.body());
        assertEquals(1, emulator.stats().authorizeRequests());
    }

    @Test
    void contentFaultsAreRefusedWhereTheyMeanNothing() {
        assertThrows(IllegalArgumentException.class,
                () -> emulator.setFault(Endpoint.AUTHORIZE, Fault.hugeBody(4096)));
        assertThrows(IllegalArgumentException.class,
                () -> emulator.setFault(Endpoint.TOKEN, Fault.missingUnionId()));
        assertThrows(IllegalArgumentException.class,
                () -> emulator.setFaultOnce(Endpoint.PROFILE, Fault.accessTokenValue("x")));
    }

    @Test
    void oapiErrorAnswersHttp200WithTheErrcode() throws Exception {
        String token = appToken();
        emulator.setFaultOnce(Endpoint.EMPLOYEE, Fault.oapiError(50002, "员工不在授权范围"));

        JsonObject body = oapiError(employee(token, "zhangsan"), 50002);

        assertEquals("员工不在授权范围", body.getString("errmsg"));
        assertEquals(0, oapiAnswer(employee(token, "zhangsan")).getInt("errcode"));
    }

    @Test
    void oapiAuthErrorCarriesTheStringSubCode() throws Exception {
        emulator.setFaultOnce(Endpoint.USER_BY_UNIONID, Fault.oapiAuthError("42001", "access_token超时"));

        JsonObject body = oapiError(userByUnionId(appToken(), user("zhangsan").unionId()), 88);

        assertEquals("42001", body.getString("sub_code"));
    }

    @Test
    void legacyStyleTokenErrorIsATopLevelErrcode() throws Exception {
        emulator.setFaultOnce(Endpoint.USER_BY_UNIONID, Fault.oapiError(40001, "不合法的access_token"));

        oapiError(userByUnionId(appToken(), user("zhangsan").unionId()), 40001);
    }

    @Test
    void oapiFaultsAreRefusedOnApiEndpoints() {
        assertThrows(IllegalArgumentException.class,
                () -> emulator.setFault(Endpoint.APP_TOKEN, Fault.oapiError(40001, "x")));
        assertThrows(IllegalArgumentException.class,
                () -> emulator.setFault(Endpoint.PROFILE, Fault.oapiAuthError("40014", "x")));
    }

    @Test
    void faultedAppTokenRequestIsCountedButIssuesNothing() throws Exception {
        emulator.setFaultOnce(Endpoint.APP_TOKEN, Fault.qpsLimited());

        assertEquals("Forbidden.AccessDenied.QpsLimitForApi", dingTalkError(requestAppToken(), 403));
        assertEquals(1, emulator.stats().appTokenRequests());
        assertEquals(0, emulator.stats().appTokenSuccesses());
    }

    @Test
    void wrongTypesSendsAContactTypeThatIsNoNumber() throws Exception {
        emulator.setFaultOnce(Endpoint.USER_BY_UNIONID, Fault.wrongTypes());

        JsonObject result = json(userByUnionId(appToken(), user("zhangsan").unionId())).getJsonObject("result");

        assertEquals("member", result.getString("contact_type"));
    }

    @Test
    void truncatedJsonWorksOnTheEmployeeEndpoint() throws Exception {
        emulator.setFaultOnce(Endpoint.EMPLOYEE, Fault.truncatedJson());

        HttpResponse<String> answer = employee(appToken(), "zhangsan");

        assertTrue(answer.body().startsWith("{\"errcode\":0,"), answer.body());
        assertThrows(JsonException.class, () -> parse(answer.body()));
    }

    @Test
    void madeUpAppTokensGrantNothing() throws Exception {
        emulator.setFaultOnce(Endpoint.LEGACY_APP_TOKEN, Fault.hugeBody(4096));
        HttpResponse<String> answer = get(emulator.oapiBaseUrl()
                + "/gettoken?appkey=dingemulatorclient&appsecret=emulator-secret");
        String madeUp = parse(answer.body()).getString("access_token");

        oapiError(userByUnionId(madeUp, user("zhangsan").unionId()), 88);
    }

    @Test
    void faultsDescribeThemselves() {
        assertEquals("hugeBody(2048)", Fault.hugeBody(2048).toString());
        assertNotEquals(Fault.delay(Duration.ofSeconds(1)).toString(), Fault.slowHeaders(Duration.ofSeconds(1))
                .toString());
    }

    private HttpRequest.Builder tokenPost(String code) {
        return HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + "/v1.0/oauth2/userAccessToken"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tokenRequest(code)));
    }

    private void awaitTokenSuccesses(int expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (emulator.stats().tokenSuccesses() < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertEquals(expected, emulator.stats().tokenSuccesses());
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
