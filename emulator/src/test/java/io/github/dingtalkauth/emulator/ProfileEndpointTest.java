package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ProfileEndpointTest extends AbstractEmulatorTest {

    private static final String PROFILE_PATH = "/v1.0/contact/users/me";

    @Test
    void profileHasEveryFieldInDingTalksOrderPlusVisitor() throws Exception {
        HttpResponse<String> answer = profile(accessTokenFor("zhangsan"));

        assertEquals(200, answer.statusCode());
        JsonObject me = json(answer);
        assertEquals(List.of("nick", "avatarUrl", "mobile", "openId", "unionId", "email", "stateCode", "visitor"),
                List.copyOf(me.keySet()));
        EmulatorUser zhangsan = emulator.users().get(0);
        assertEquals("张三", me.getString("nick"));
        assertEquals(zhangsan.unionId(), me.getString("unionId"));
        assertEquals(zhangsan.openId(), me.getString("openId"));
        assertEquals(emulator.baseUrl() + "/avatar/zhangsan.svg", me.getString("avatarUrl"));
        assertEquals("86", me.getString("stateCode"));
        assertFalse(me.getBoolean("visitor"));
    }

    @Test
    void absentFieldsAreLeftOut() throws Exception {
        JsonObject me = json(profile(accessTokenFor("lisi")));

        assertFalse(me.containsKey("email"));
    }

    @Test
    void eachTokenBelongsToItsOwnUser() throws Exception {
        String alice = accessTokenFor("alice");
        String wang = accessTokenFor("wangfang");

        assertEquals("Alice Chen", json(profile(alice)).getString("nick"));
        assertEquals("Wang Fang", json(profile(wang)).getString("nick"));
    }

    @Test
    void bearerAuthorizationIsNotAccepted() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + PROFILE_PATH))
                .header("Authorization", "Bearer " + accessTokenFor("alice")));

        assertEquals("MissingxAcsDingtalkAccessToken", dingTalkError(answer, 400));
    }

    @Test
    void missingTokenHeaderIsMissingxAcsDingtalkAccessToken() throws Exception {
        assertEquals("MissingxAcsDingtalkAccessToken",
                dingTalkError(get(emulator.apiBaseUrl() + PROFILE_PATH), 400));
    }

    @Test
    void unknownTokenIsInvalidAuthentication() throws Exception {
        HttpResponse<String> answer = profile("0123456789abcdef0123456789abcdef");

        assertEquals("InvalidAuthentication", dingTalkError(answer, 400));
        assertEquals("不合法的access_token", json(answer).getString("message"));
    }

    @Test
    void expiredTokenIsInvalidAuthentication() throws Exception {
        String token = accessTokenFor("alice");

        clock.advance(Duration.ofSeconds(7200));

        assertEquals("InvalidAuthentication", dingTalkError(profile(token), 400));
    }

    @Test
    void postIsMethodNotAllowed() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + PROFILE_PATH))
                .header("x-acs-dingtalk-access-token", accessTokenFor("alice"))
                .POST(HttpRequest.BodyPublishers.noBody()));

        dingTalkError(answer, 405);
    }
}
