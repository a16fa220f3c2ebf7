package io.github.dingtalkauth.emulator;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserByUnionIdEndpointTest extends AbstractEmulatorTest {

    private static final String PATH = "/topapi/user/getbyunionid";

    /** Asserts DingTalk's answer to a bad app token: errcode 88 with the string sub_code "40014". */
    private static void assertInvalidToken(HttpResponse<String> answer) {
        JsonObject body = oapiError(answer, 88);
        assertEquals("40014", body.getString("sub_code"));
        assertTrue(body.getString("errmsg").contains("40014"), body.toString());
    }

    @Test
    void memberIsFoundWithContactTypeZeroAndUserid() throws Exception {
        JsonObject body = oapiAnswer(userByUnionId(appToken(), user("zhangsan").unionId()));

        assertEquals(List.of("errcode", "errmsg", "result", "request_id"), List.copyOf(body.keySet()));
        assertEquals(0, body.getInt("errcode"));
        assertEquals("ok", body.getString("errmsg"));
        assertEquals(0, body.getJsonObject("result").getInt("contact_type"));
        assertEquals("zhangsan", body.getJsonObject("result").getString("userid"));
        assertTrue(body.getString("request_id").matches("[0-9a-z]{13}"), body.toString());
    }

    @Test
    void externalContactIsFoundWithContactTypeOne() throws Exception {
        JsonObject result = oapiAnswer(userByUnionId(appToken(), user("sunba").unionId())).getJsonObject("result");

        assertEquals(1, result.getInt("contact_type"));
        assertEquals("ext_sunba_7c2e41", result.getString("userid"));
    }

    @Test
    void userOfAnotherCompanyIsErrcode60121() throws Exception {
        oapiError(userByUnionId(appToken(), user("zhouqi").unionId()), 60121);
    }

    @Test
    void unknownUnionIdIsErrcode60121() throws Exception {
        oapiError(userByUnionId(appToken(), "nobodyHasThisUnionId0000"), 60121);
    }

    @Test
    void missingUnionidIsErrcode400002() throws Exception {
        oapiError(postOapi(PATH, appToken(), "{}"), 400002);
    }

    @Test
    void formBodyIsAcceptedAsTopapiAcceptsBoth() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.oapiBaseUrl() + PATH
                        + "?access_token=" + appToken()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("unionid=" + user("lisi").unionId())));

        assertEquals("lisi", oapiAnswer(answer).getJsonObject("result").getString("userid"));
    }

    @Test
    void getIsErrcode43002() throws Exception {
        oapiError(get(emulator.oapiBaseUrl() + PATH + "?access_token=" + appToken()), 43002);
    }

    @Test
    void unknownTokenIsErrcode88WithStringSubCode40014() throws Exception {
        assertInvalidToken(userByUnionId("0123456789abcdef0123456789abcdef", user("zhangsan").unionId()));
    }

    @Test
    void missingTokenIsErrcode88() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.oapiBaseUrl() + PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"unionid\":\"" + user("zhangsan").unionId() + "\"}")));

        assertInvalidToken(answer);
    }

    @Test
    void lapsedAppTokenIsErrcode88() throws Exception {
        String token = appToken();

        clock.advance(Duration.ofSeconds(7200));

        assertInvalidToken(userByUnionId(token, user("zhangsan").unionId()));
    }

    @Test
    void expiredAppTokenIsErrcode88() throws Exception {
        String token = appToken();

        emulator.expireAppTokens();

        assertInvalidToken(userByUnionId(token, user("zhangsan").unionId()));
    }

    @Test
    void userAccessTokenIsNotAnAppToken() throws Exception {
        assertInvalidToken(userByUnionId(accessTokenFor("zhangsan"), user("zhangsan").unionId()));
    }

    @Test
    void stringTypedAnswersWriteErrcodeAndContactTypeAsStrings() throws Exception {
        emulator.setStringTypedAnswers(true);

        JsonObject body = oapiAnswer(userByUnionId(appToken(), user("zhangsan").unionId()));

        assertEquals("0", body.getString("errcode"));
        assertEquals("0", body.getJsonObject("result").getString("contact_type"));
        assertEquals("zhangsan", body.getJsonObject("result").getString("userid"));
    }

    @Test
    void stringTypedAnswersWriteErrorCodesAsStrings() throws Exception {
        restartWith(b -> b.stringTypedAnswers(true));

        JsonObject body = oapiAnswer(userByUnionId(appToken(), "nobodyHasThisUnionId0000"));

        assertEquals("60121", body.getString("errcode"));
    }

    @Test
    void resetTurnsStringTypedAnswersOff() throws Exception {
        emulator.setStringTypedAnswers(true);

        emulator.reset();

        assertEquals(0, oapiAnswer(userByUnionId(appToken(), user("zhangsan").unionId())).getInt("errcode"));
    }

    @Test
    void lookupsAreCountedEvenWhenRefused() throws Exception {
        String token = appToken();
        userByUnionId(token, user("zhangsan").unionId());
        userByUnionId("bad-token", user("zhangsan").unionId());

        assertEquals(2, emulator.stats().unionIdLookups());
    }

    @Test
    void onTheApiHostItIsNotFound() throws Exception {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(emulator.apiBaseUrl() + PATH
                        + "?access_token=" + appToken()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"unionid\":\"" + user("zhangsan").unionId() + "\"}")));

        assertEquals("InvalidAction.NotFound", dingTalkError(answer, 404));
    }
}
