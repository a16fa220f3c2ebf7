package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppTokenEndpointTest extends AbstractEmulatorTest {

    private static final String NEW_STYLE = "/v1.0/oauth2/accessToken";
    private static final String UNIFIED_BODY = "{\"client_id\":\"dingemulatorclient\",\"client_secret\":"
            + "\"emulator-secret\",\"grant_type\":\"client_credentials\"}";

    private HttpResponse<String> unified(String corpId, String body) throws Exception {
        return postJson("/v1.0/oauth2/" + corpId + "/token", body);
    }

    private HttpResponse<String> gettoken(String query) throws Exception {
        return get(emulator.oapiBaseUrl() + "/gettoken?" + query);
    }

    @Test
    void newStyleAnswersAccessTokenAndExpireIn() throws Exception {
        HttpResponse<String> answer = requestAppToken();

        assertEquals(200, answer.statusCode());
        JsonObject token = json(answer);
        assertEquals(Set.of("accessToken", "expireIn"), token.keySet());
        assertEquals(7200, token.getInt("expireIn"));
        assertTrue(token.getString("accessToken").matches("[0-9a-f]{32}"), token.toString());
    }

    @Test
    void unifiedAnswersSnakeCaseAccessTokenAndExpiresIn() throws Exception {
        JsonObject token = json(unified(emulator.corpId(), UNIFIED_BODY));

        assertEquals(Set.of("access_token", "expires_in"), token.keySet());
        assertEquals(7200, token.getInt("expires_in"));
    }

    @Test
    void legacyGettokenAnswersErrcodeZeroOnTheOapiHost() throws Exception {
        JsonObject token = oapiAnswer(gettoken("appkey=dingemulatorclient&appsecret=emulator-secret"));

        assertEquals(0, token.getInt("errcode"));
        assertEquals("ok", token.getString("errmsg"));
        assertEquals(7200, token.getInt("expires_in"));
        assertTrue(token.containsKey("access_token"));
    }

    @Test
    void allThreeEndpointsHandOutTheSameToken() throws Exception {
        String newStyle = appToken();

        assertEquals(newStyle, json(unified(emulator.corpId(), UNIFIED_BODY)).getString("access_token"));
        assertEquals(newStyle, json(gettoken("appkey=dingemulatorclient&appsecret=emulator-secret"))
                .getString("access_token"));
    }

    @Test
    void askingAgainWhileValidExtendsTheSameToken() throws Exception {
        String first = appToken();
        clock.advance(Duration.ofSeconds(7000));

        assertEquals(first, appToken());
        clock.advance(Duration.ofSeconds(7000));

        assertEquals(0, oapiAnswer(userByUnionId(first, user("zhangsan").unionId())).getInt("errcode"));
    }

    @Test
    void aLapsedTokenIsReplacedByANewOne() throws Exception {
        String first = appToken();

        clock.advance(Duration.ofSeconds(7200));

        assertNotEquals(first, appToken());
    }

    @Test
    void expireAppTokensMakesTheNextRequestGetANewToken() throws Exception {
        String first = appToken();

        emulator.expireAppTokens();

        assertNotEquals(first, appToken());
    }

    @Test
    void appTokenTtlIsConfigurableAndAnswered() throws Exception {
        restartWith(b -> b.appTokenTtl(Duration.ofSeconds(30)));

        assertEquals(30, json(requestAppToken()).getInt("expireIn"));
    }

    @Test
    void appTokenPrefixMakesNumberedCanaries() throws Exception {
        restartWith(b -> b.appTokenPrefix("CANARY-APP-"));

        String first = appToken();
        emulator.expireAppTokens();

        assertEquals("CANARY-APP-1", first);
        assertEquals("CANARY-APP-2", appToken());
    }

    @Test
    void appTokenRequestsAndSuccessesAreCounted() throws Exception {
        appToken();
        postJson(NEW_STYLE, "{\"appKey\":\"dingemulatorclient\",\"appSecret\":\"guess\"}");
        gettoken("appkey=dingemulatorclient&appsecret=emulator-secret");

        assertEquals(3, emulator.stats().appTokenRequests());
        assertEquals(2, emulator.stats().appTokenSuccesses());
    }

    @Test
    void newStyleWrongSecretIsInvalidClientIdOrSecret() throws Exception {
        HttpResponse<String> answer = postJson(NEW_STYLE,
                "{\"appKey\":\"dingemulatorclient\",\"appSecret\":\"guess\"}");

        assertEquals("invalidClientIdOrSecret", dingTalkError(answer, 400));
    }

    @Test
    void newStyleMissingSecretIsMissingParameter() throws Exception {
        assertEquals("missingParameter", dingTalkError(postJson(NEW_STYLE, "{\"appKey\":\"dingemulatorclient\"}"),
                400));
    }

    @Test
    void newStyleFormBodyIsMissingbody() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + NEW_STYLE))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("appKey=dingemulatorclient&appSecret=emulator-secret")));

        assertEquals("Missingbody", dingTalkError(answer, 400));
    }

    @Test
    void newStyleGetIsMethodNotAllowed() throws Exception {
        dingTalkError(get(emulator.apiBaseUrl() + NEW_STYLE), 405);
    }

    @Test
    void unifiedGrantTypeOtherThanClientCredentialsIsUnsupported() throws Exception {
        HttpResponse<String> answer = unified(emulator.corpId(),
                UNIFIED_BODY.replace("client_credentials", "authorization_code"));

        assertEquals("unsupported.grant.type", dingTalkError(answer, 400));
    }

    @Test
    void unifiedWrongSecretIsInvalidClientIdOrSecret() throws Exception {
        HttpResponse<String> answer = unified(emulator.corpId(), UNIFIED_BODY.replace("emulator-secret", "guess"));

        assertEquals("invalidClientIdOrSecret", dingTalkError(answer, 400));
    }

    @Test
    void unifiedForAnotherOrganizationIsRefused() throws Exception {
        assertEquals("invalidCorpId", dingTalkError(unified("dingforeign0000000000", UNIFIED_BODY), 400));
    }

    @Test
    void unifiedCamelCaseFieldsAreMissingParameters() throws Exception {
        HttpResponse<String> answer = unified(emulator.corpId(),
                "{\"clientId\":\"dingemulatorclient\",\"clientSecret\":\"emulator-secret\","
                        + "\"grantType\":\"client_credentials\"}");

        assertEquals("missingParameter", dingTalkError(answer, 400));
    }

    @Test
    void legacyWrongSecretIsErrcode40089() throws Exception {
        oapiError(gettoken("appkey=dingemulatorclient&appsecret=guess"), 40089);
    }

    @Test
    void legacyMissingKeyIsErrcode40089() throws Exception {
        oapiError(gettoken("appsecret=emulator-secret"), 40089);
    }

    @Test
    void legacyPostIsErrcode43001() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.oapiBaseUrl()
                        + "/gettoken?appkey=dingemulatorclient&appsecret=emulator-secret"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        oapiError(answer, 43001);
    }

    @Test
    void gettokenOnTheApiHostIsNotFound() throws Exception {
        HttpResponse<String> answer = get(emulator.apiBaseUrl()
                + "/gettoken?appkey=dingemulatorclient&appsecret=emulator-secret");

        assertEquals("InvalidAction.NotFound", dingTalkError(answer, 404));
    }

    @Test
    void newStyleOnTheOapiHostIsNotFound() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.oapiBaseUrl() + NEW_STYLE))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"appKey\":\"dingemulatorclient\",\"appSecret\":\"emulator-secret\"}")));

        assertEquals(404, answer.statusCode());
    }
}
