package io.github.dingtalkauth.client;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signed {@code sns/getuserinfo_bycode} call and how its answers are read (protocol §2.2). */
class LegacyUserInfoClientTest {
    static final long NOW = 1_546_084_445_901L;

    final ScriptedTransport transport = new ScriptedTransport();
    final LegacyUserInfoClient client = new LegacyUserInfoClient(URI.create("https://oapi.dingtalk.com"),
            "dingappkey123", "s3cret", transport, () -> NOW);

    DingTalkProfile call() throws DingTalkApiException {
        return client.userInfo("tmpcode", Deadline.in(Duration.ofSeconds(5)));
    }

    @Test
    void theRequestCarriesTheAppKeyTheTimestampAndItsSignatureEncodedOnce() throws Exception {
        transport.then("{\"errcode\":0,\"errmsg\":\"ok\",\"user_info\":{\"nick\":\"张三\",\"unionid\":\"u1\","
                + "\"openid\":\"o1\",\"main_org_auth_high_level\":true}}");
        call();
        ScriptedTransport.Call sent = transport.calls.get(0);
        String query = sent.uri().getRawQuery();
        String signature = query.substring(query.indexOf("&signature=") + "&signature=".length());
        assertAll(
                () -> assertEquals("/sns/getuserinfo_bycode", sent.uri().getPath()),
                () -> assertEquals("accessKey=dingappkey123&timestamp=" + NOW, query.substring(0,
                        query.indexOf("&signature="))),
                () -> assertEquals(client.signature(Long.toString(NOW)),
                        URLDecoder.decode(signature, StandardCharsets.UTF_8)),
                () -> assertFalse(signature.matches(".*[+/=].*"), signature),
                () -> assertEquals("{\"tmp_auth_code\":\"tmpcode\"}", sent.body().toString()),
                () -> assertEquals(LegacyUserInfoClient.STEP, sent.step()));
    }

    @Test
    void theAnswerBecomesAProfileWithTheLegacyOpenId() throws Exception {
        transport.then("{\"errcode\":\"0\",\"errmsg\":\"ok\",\"user_info\":{\"nick\":\"张三\",\"unionid\":\"u1\","
                + "\"openid\":\"o1\",\"main_org_auth_high_level\":\"true\"}}");
        DingTalkProfile profile = call();
        assertAll(
                () -> assertEquals("u1", profile.unionId()),
                () -> assertEquals("o1", profile.openId()),
                () -> assertEquals("张三", profile.nick()),
                () -> assertNull(profile.email()));
    }

    @ParameterizedTest
    @ValueSource(ints = {853002, 853003, 853004, 40078, 40102})
    void anErrcodeInsideHttp200IsAnErrorCarryingIt(int errcode) {
        transport.then("{\"errcode\":" + errcode + ",\"errmsg\":\"失败\"}");
        DingTalkApiException e = assertThrows(DingTalkApiException.class, this::call);
        assertAll(
                () -> assertEquals(Kind.ERROR_STATUS, e.kind()),
                () -> assertEquals(Integer.toString(errcode), e.providerCode()),
                () -> assertEquals(LegacyUserInfoClient.STEP, e.step()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"errcode\":0,\"errmsg\":\"ok\"}",
        "{\"errcode\":0,\"user_info\":{\"openid\":\"o1\"}}",
        "{\"errcode\":0,\"user_info\":{\"unionid\":\"u 1\"}}",
        "{\"errcode\":0,\"user_info\":{\"unionid\":12345}}",
        "{\"errmsg\":\"ok\",\"user_info\":{\"unionid\":\"u1\"}}",
    })
    void anAnswerWithoutAWellFormedIdentityIsInvalid(String answer) {
        transport.then(answer);
        assertEquals(Kind.INVALID_RESPONSE, assertThrows(DingTalkApiException.class, this::call).kind());
    }
}
