package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenEndpointTest extends AbstractEmulatorTest {

    private static final String TOKEN_PATH = "/v1.0/oauth2/userAccessToken";

    @Test
    void codeIsExchangedForTokensWithDingTalksFieldNames() throws Exception {
        HttpResponse<String> answer = exchange(codeFor("zhangsan"));

        assertEquals(200, answer.statusCode());
        assertEquals("application/json;charset=utf-8", answer.headers().firstValue("Content-Type").get());
        JsonObject tokens = json(answer);
        assertEquals(Set.of("accessToken", "refreshToken", "expireIn"), tokens.keySet());
        assertEquals(7200, tokens.getInt("expireIn"));
        assertNotEquals(tokens.getString("accessToken"), tokens.getString("refreshToken"));
    }

    @Test
    void corpIdIsAbsentWithOpenidScope() throws Exception {
        String code = queryOf(approve("zhangsan", "openid", "s")).get("code");

        assertFalse(json(exchange(code)).containsKey("corpId"));
    }

    @Test
    void corpIdIsTheHomeOrganizationForAMemberWithOpenidCorpidScope() throws Exception {
        String code = queryOf(approve("wangfang", "openid corpid", "s")).get("code");

        assertEquals(emulator.corpId(), json(exchange(code)).getString("corpId"));
    }

    @Test
    void corpIdIsTheOutsidersOwnOrganizationWithOpenidCorpidScope() throws Exception {
        String code = queryOf(approve("zhouqi", "openid corpid", "s")).get("code");

        assertEquals("ding0d3e7a91c2b54f68a1e9c7b3d5f20e84", json(exchange(code)).getString("corpId"));
    }

    @Test
    void formBodyIsMissingbody() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("clientId=dingemulatorclient&clientSecret=emulator-secret"
                        + "&code=" + codeFor("alice") + "&grantType=authorization_code")));

        assertEquals("Missingbody", dingTalkError(answer, 400));
    }

    @Test
    void malformedJsonIsMissingbody() throws Exception {
        assertEquals("Missingbody", dingTalkError(postJson(TOKEN_PATH, "{\"clientId\":"), 400));
    }

    @Test
    void missingCodeIsMissingParameter() throws Exception {
        HttpResponse<String> answer = postJson(TOKEN_PATH,
                "{\"clientId\":\"dingemulatorclient\",\"clientSecret\":\"emulator-secret\","
                        + "\"grantType\":\"authorization_code\"}");

        assertEquals("missingParameter", dingTalkError(answer, 400));
    }

    @Test
    void snakeCaseFieldsAreMissingParameters() throws Exception {
        HttpResponse<String> answer = postJson(TOKEN_PATH,
                "{\"client_id\":\"dingemulatorclient\",\"client_secret\":\"emulator-secret\","
                        + "\"code\":\"" + codeFor("alice") + "\",\"grant_type\":\"authorization_code\"}");

        assertEquals("missingParameter", dingTalkError(answer, 400));
    }

    @Test
    void unknownGrantTypeIsUnsupported() throws Exception {
        HttpResponse<String> answer = postJson(TOKEN_PATH, tokenRequest(codeFor("alice"))
                .replace("authorization_code", "client_credentials"));

        assertEquals("unsupported.grant.type", dingTalkError(answer, 400));
    }

    @Test
    void wrongSecretIsInvalidClientIdOrSecretAndLeavesTheCodeRedeemable() throws Exception {
        String code = codeFor("alice");

        HttpResponse<String> answer = postJson(TOKEN_PATH, tokenRequest(code).replace("emulator-secret", "guess"));

        assertEquals("invalidClientIdOrSecret", dingTalkError(answer, 400));
        assertEquals(200, exchange(code).statusCode());
    }

    @Test
    void wrongClientIdIsInvalidClientIdOrSecret() throws Exception {
        HttpResponse<String> answer = postJson(TOKEN_PATH,
                tokenRequest(codeFor("alice")).replace("dingemulatorclient", "otherapp"));

        assertEquals("invalidClientIdOrSecret", dingTalkError(answer, 400));
    }

    @Test
    void codeIsRedeemedOnlyOnce() throws Exception {
        String code = codeFor("alice");
        assertEquals(200, exchange(code).statusCode());

        assertEquals("invalidCode", dingTalkError(exchange(code), 400));
    }

    @Test
    void unknownCodeIsInvalidCode() throws Exception {
        assertEquals("invalidCode", dingTalkError(exchange("0123456789abcdef0123456789abcdef"), 400));
    }

    @Test
    void expiredCodeIsInvalidCode() throws Exception {
        String code = codeFor("alice");

        clock.advance(Duration.ofMinutes(5));

        assertEquals("invalidCode", dingTalkError(exchange(code), 400));
    }

    @Test
    void codeTtlIsConfigurable() throws Exception {
        restartWith(b -> b.codeTtl(Duration.ofMillis(1)));
        String code = codeFor("alice");

        clock.advance(Duration.ofMillis(1));

        assertEquals("invalidCode", dingTalkError(exchange(code), 400));
    }

    @Test
    void refreshTokenGivesANewAccessTokenOnce() throws Exception {
        JsonObject first = json(exchange(codeFor("alice")));
        String refresh = "{\"clientId\":\"dingemulatorclient\",\"clientSecret\":\"emulator-secret\","
                + "\"refreshToken\":\"" + first.getString("refreshToken") + "\",\"grantType\":\"refresh_token\"}";

        HttpResponse<String> refreshed = postJson(TOKEN_PATH, refresh);

        assertEquals(200, refreshed.statusCode());
        String newToken = json(refreshed).getString("accessToken");
        assertNotEquals(first.getString("accessToken"), newToken);
        assertEquals(200, profile(newToken).statusCode());
        assertEquals(400, postJson(TOKEN_PATH, refresh).statusCode());
    }

    @Test
    void prefixesMakeNumberedCanaries() throws Exception {
        restartWith(b -> b.codePrefix("CANARY-CODE-").tokenPrefix("CANARY-AT-"));

        String code = codeFor("alice");
        JsonObject tokens = json(exchange(code));

        assertEquals("CANARY-CODE-1", code);
        assertEquals("CANARY-AT-1", tokens.getString("accessToken"));
        assertEquals("CANARY-RT-1", tokens.getString("refreshToken"));
        assertEquals("CANARY-CODE-2", codeFor("lisi"));
    }

    @Test
    void getIsMethodNotAllowed() throws Exception {
        HttpResponse<String> answer = get(emulator.apiBaseUrl() + TOKEN_PATH);

        dingTalkError(answer, 405);
        assertEquals("POST", answer.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void contentTypeWithCharsetIsJson() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + TOKEN_PATH))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(tokenRequest(codeFor("alice")))));

        assertEquals(200, answer.statusCode());
        assertTrue(json(answer).containsKey("accessToken"));
    }
}
