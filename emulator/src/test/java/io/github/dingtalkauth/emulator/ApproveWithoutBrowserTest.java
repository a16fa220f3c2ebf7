package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link DingTalkEmulator#approve}: the consent page's approval, for tests that drive an app without a browser. */
class ApproveWithoutBrowserTest extends AbstractEmulatorTest {

    /** Where an application would send the browser: DingTalk's real authorize page, with this query. */
    static String authorizeUrl(Map<String, String> params) {
        return "https://login.dingtalk.com/oauth2/auth?" + query(params);
    }

    @Test
    void approvalReturnsTheCallbackWithARedeemableCodeAndTheState() throws Exception {
        String callback = emulator.approve(authorizeUrl(authorizeParams(CALLBACK, "openid", "st-1")), "alice");

        Map<String, String> answer = queryOf(callback);
        assertTrue(callback.startsWith(CALLBACK + "?"), callback);
        assertEquals("st-1", answer.get("state"));
        assertEquals(answer.get("code"), answer.get("authCode"));
        HttpResponse<String> token = exchange(answer.get("code"));
        assertEquals(200, token.statusCode(), token.body());
        JsonObject profile = json(profile(json(token).getString("accessToken")));
        assertEquals(user("alice").unionId(), profile.getString("unionId"));
    }

    @Test
    void approvalWithTheCorpidScopeNamesTheOrganizationInTheTokenAnswer() throws Exception {
        String callback = emulator.approve(authorizeUrl(authorizeParams(CALLBACK, "openid corpid", "s")), "zhangsan");

        JsonObject token = json(exchange(queryOf(callback).get("code")));

        assertEquals(emulator.corpId(), token.getString("corpId"));
    }

    @Test
    void approvalCountsAsAnApprovalAndRecordsNoRequest() {
        emulator.approve(authorizeUrl(authorizeParams(CALLBACK, "openid", "s")), "alice");

        assertEquals(1, emulator.stats().approvals());
        assertEquals(0, emulator.stats().authorizeRequests());
        assertEquals(List.of(), emulator.requests());
    }

    @Test
    void invalidAuthorizeRequestIsRefusedAsTheAuthorizeEndpointRefusesIt() {
        Map<String, String> wrongClient = authorizeParams(CALLBACK, "openid", "s");
        wrongClient.put("client_id", "someone-else");
        Map<String, String> unregistered = authorizeParams("https://evil.example/cb", "openid", "s");
        Map<String, String> noPrompt = authorizeParams(CALLBACK, "openid", "s");
        noPrompt.remove("prompt");

        for (Map<String, String> params : List.of(wrongClient, unregistered, noPrompt)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> emulator.approve(authorizeUrl(params), "alice"));
            assertTrue(e.getMessage().startsWith("invalid authorize request: "), e.getMessage());
        }
        assertEquals(0, emulator.stats().approvals());
    }

    @Test
    void unknownUserIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> emulator.approve(authorizeUrl(authorizeParams(CALLBACK, "openid", "s")), "nobody"));

        assertTrue(e.getMessage().contains("nobody"), e.getMessage());
        assertFalse(e.getMessage().contains("invalid authorize request"), e.getMessage());
    }

    @Test
    void requestsOfOneEndpointLeaveTheOthersOut() throws Exception {
        String token = accessTokenFor("alice");
        profile(token);
        profile(token);

        assertEquals(2, emulator.requests(Endpoint.PROFILE).size());
        assertEquals(List.of("/v1.0/oauth2/userAccessToken"),
                emulator.requests(Endpoint.TOKEN).stream().map(RecordedRequest::path).toList());
        assertEquals(List.of(), emulator.requests(Endpoint.EMPLOYEE));
    }
}
