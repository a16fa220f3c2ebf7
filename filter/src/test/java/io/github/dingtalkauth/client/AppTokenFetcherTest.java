package io.github.dingtalkauth.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dingtalkauth.client.DingTalkApiException.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppTokenFetcherTest {
    static final String SECRET = "CANARY-SECRET-9";

    final ScriptedTransport transport = new ScriptedTransport();
    final AppTokenFetcher fetcher = new AppTokenFetcher(URI.create("https://api.example"), "dingkey", SECRET,
            transport);

    AppToken fetch() throws DingTalkApiException {
        return fetcher.fetch(Deadline.in(Duration.ofSeconds(5)));
    }

    DingTalkApiException invalid(String answer) {
        transport.then(answer);
        DingTalkApiException e = assertThrows(DingTalkApiException.class, this::fetch);
        assertEquals(Kind.INVALID_RESPONSE, e.kind());
        assertFalse(e.getMessage().contains("CANARY"), e::getMessage);
        return e;
    }

    @Test
    void postsAppKeyAndSecretInTheBodyToTheNewEndpoint() throws Exception {
        transport.then("{\"accessToken\":\"CANARY-APP\",\"expireIn\":7200}");
        fetch();
        ScriptedTransport.Call call = transport.calls.get(0);
        assertEquals(URI.create("https://api.example/v1.0/oauth2/accessToken"), call.uri());
        assertNull(call.uri().getRawQuery(), "nothing secret in the URL");
        assertEquals(Set.of("appKey", "appSecret"), call.body().keySet());
        assertEquals("dingkey", call.body().getString("appKey"));
        assertEquals(SECRET, call.body().getString("appSecret"));
        assertEquals("app_token", call.step());
    }

    @Test
    void readsTokenAndLifetime() throws Exception {
        transport.then("{\"accessToken\":\"CANARY-APP\",\"expireIn\":7200}");
        assertEquals(new AppToken("CANARY-APP", Duration.ofHours(2)), fetch());
    }

    @Test
    void readsLifetimeGivenAsAString() throws Exception {
        transport.then("{\"accessToken\":\"CANARY-APP\",\"expireIn\":\"7200\"}");
        assertEquals(Duration.ofHours(2), fetch().lifetime());
    }

    @Test
    void missingTokenIsInvalid() {
        invalid("{\"expireIn\":7200}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"CANARY APP\"", "\"CANARY\\nAPP\"", "\"\"", "42"})
    void malformedTokenIsInvalidAndNotEchoed(String token) {
        invalid("{\"accessToken\":" + token + ",\"expireIn\":7200}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "86401", "\"soon\"", "null", "7200.5"})
    void lifetimeOutOfRangeOrMalformedIsInvalid(String expireIn) {
        invalid("{\"accessToken\":\"CANARY-APP\",\"expireIn\":" + expireIn + "}");
    }

    @Test
    void transportFailurePassesThrough() {
        DingTalkApiException failure = new DingTalkApiException(Kind.ERROR_STATUS, "app_token", 400,
                "invalidClientIdOrSecret", null, null);
        transport.then(failure);
        assertSame(failure, assertThrows(DingTalkApiException.class, this::fetch));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertFalse(fetcher.toString().contains("CANARY"), fetcher::toString);
    }
}
